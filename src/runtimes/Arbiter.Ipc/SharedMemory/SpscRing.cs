using System.Diagnostics;
using System.Runtime.CompilerServices;
using Arbiter.Ipc.Native;

namespace Arbiter.Ipc.SharedMemory;

/// <summary>
/// A single-producer single-consumer ring of variable-length messages over raw (shared) memory.
/// <para>
/// Source: Lamport, "Specifying concurrent program modules" (TOPLAS 1983) — the wait-free one-writer/one-reader
/// queue with a head and a tail counter; the same design as Linux's <c>kfifo</c> and the io_uring rings
/// (<c>smp_store_release</c> of the tail, <c>smp_load_acquire</c> of it), with the cached opposite index of
/// Rigtorp's SPSCQueue so that the producer reads the consumer's cache line only when the ring looks full.
/// </para>
/// <para>
/// Layout: a 256-byte control block — magic and capacity, then <c>head</c> and <c>tail</c> on cache lines of their
/// own (each is written by one side only; sharing a line would make every write bounce it between cores), then the
/// two "I am asleep" flags of the doorbell and the writer's wake-up mark — then <c>capacity</c> bytes of data.
/// <c>head</c> and <c>tail</c> are byte counters that only grow (2^63 bytes do not wrap in practice); a position in
/// the data is <c>counter &amp; (capacity − 1)</c>. A message is a 4-byte length
/// and its bytes, padded to 8 so that every length prefix is aligned and never straddles the end; the bytes after
/// it may wrap around and are copied in two pieces.
/// </para>
/// <para>
/// Memory ordering (why no lock and no compare-and-swap is needed): each counter has exactly one writer, so updates
/// are plain stores; the only facts that cross between the sides are "bytes below <c>tail</c> are written" and
/// "bytes below <c>head</c> are free again". The producer copies the message, then publishes it with a release
/// store of <c>tail</c> (<c>Volatile.Write</c>): no store of the payload may become visible
/// after the new tail. The consumer reads <c>tail</c> with an acquire load (<c>Volatile.Read</c>):
/// no read of the payload may happen before it, so seeing the new tail means seeing the payload. Symmetrically the
/// consumer finishes copying the message out before its release store of <c>head</c>, and the producer's acquire
/// load of <c>head</c> comes before it overwrites that space — otherwise the producer could scribble over bytes the
/// consumer is still reading. Two producers would race on <c>tail</c> and need a CAS and per-slot commit flags; this
/// ring is for exactly one of each. Across processes the same holds: both map the same physical pages, and the
/// barriers (plain MOVs under x86-TSO, LDAR/STLR on arm64) act on memory, not on address spaces; Volatile also stops
/// the JIT from caching a counter in a register across a wait loop.
/// </para>
/// <para>
/// Waiting (ring empty for the reader, full for the writer): spin for up to 20 µs — a peer that is running answers
/// within that — then sleep on a futex doorbell: the waiter raises its flag, re-checks the counter and sleeps in
/// the kernel on that counter's word (FUTEX_WAIT, shared, not private: two processes). The other side, after each
/// publication, checks the flag and, if raised, wakes it (FUTEX_WAKE) — a sleeping writer only once a quarter of
/// the ring is free (see <see cref="WaitToWrite"/>). Flag and counter form a Dekker handshake
/// — each side stores its own word, fences (<see cref="Interlocked.MemoryBarrier"/>), then loads the other's — so
/// at least one side sees the other's store: either the sleeper sees the new counter and does not sleep, or the
/// publisher sees the flag and rings; and FUTEX_WAIT itself re-checks the word atomically, so a ring between the
/// check and the sleep is not lost either. Sleeps are bounded (50 ms) so that cancellation is noticed.
/// Why not spin only: on an oversubscribed machine (more runnable threads than cores) a spinning side burns the
/// time slice its peer needs; why not a pipe or eventfd doorbell: that is a system call per message, which is the
/// cost shared memory exists to avoid — the futex costs one only when the other side is actually asleep.
/// </para>
/// <para>
/// Cost: a write or read is one copy of the message, one counter store and one full fence (to read the peer's
/// flag); a system call only to wake a sleeping peer.
/// </para>
/// </summary>
public sealed unsafe class SpscRing
{
    /// <summary>Bytes of the control block in front of the data.</summary>
    public const int ControlBytes = 256;

    private const long MagicWord = 0x3247_4E49_5242_5241; // "ARBRING2"
    private const int HeadOffset = 64;
    private const int TailOffset = 128;
    private const int ConsumerAsleepOffset = 192;
    private const int ProducerAsleepOffset = 196;
    private const int WakeProducerAtOffset = 200;
    private static readonly long SpinTicks = Stopwatch.Frequency / 50_000; // 20 µs

    private readonly byte* _control;
    private readonly byte* _data;
    private readonly int _mask;

    // Each side's own counter is kept locally (it is the only writer), with a cached copy of the other side's.
    private long _producerTail;
    private long _cachedHead;
    private long _consumerHead;
    private long _cachedTail;

    private SpscRing(byte* control, int capacity)
    {
        _control = control;
        _data = control + ControlBytes;
        Capacity = capacity;
        _mask = capacity - 1;
        _producerTail = _cachedTail = Volatile.Read(ref Tail);
        _consumerHead = _cachedHead = Volatile.Read(ref Head);
    }

    /// <summary>Longest single sleep on the doorbell, after which the waiter re-checks (and notices cancellation).</summary>
    internal int SleepSliceMilliseconds { get; set; } = 50;

    /// <summary>Bytes of data the ring holds (a power of two).</summary>
    public int Capacity { get; }

    /// <summary>Largest message that fits: the whole ring less its 4-byte length prefix.</summary>
    public int MaxMessageBytes => Capacity - sizeof(int);

    /// <summary>Bytes in use (messages written and not yet read, with their prefixes and padding), 0..<see cref="Capacity"/>.</summary>
    public long Occupancy => Math.Clamp(Volatile.Read(ref Tail) - Volatile.Read(ref Head), 0, Capacity);

    private ref long Head => ref Unsafe.AsRef<long>(_control + HeadOffset);

    private ref long Tail => ref Unsafe.AsRef<long>(_control + TailOffset);

    private ref int ConsumerAsleep => ref Unsafe.AsRef<int>(_control + ConsumerAsleepOffset);

    private ref int ProducerAsleep => ref Unsafe.AsRef<int>(_control + ProducerAsleepOffset);

    private ref long WakeProducerAt => ref Unsafe.AsRef<long>(_control + WakeProducerAtOffset);

    /// <summary>Bytes of memory a ring of <paramref name="capacity"/> needs.</summary>
    public static long FootprintBytes(int capacity) => ControlBytes + (long)capacity;

    /// <summary>Initializes an empty ring of <paramref name="capacity"/> bytes at <paramref name="memory"/>.</summary>
    public static SpscRing Create(byte* memory, long length, int capacity)
    {
        if (capacity < 64 || capacity > (1 << 30) || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "ring capacity must be a power of two between 64 bytes and 1 GiB");
        }

        if (length < FootprintBytes(capacity))
        {
            throw new ArgumentException($"a ring of {capacity} bytes needs {FootprintBytes(capacity)} bytes of memory, got {length}", nameof(length));
        }

        *(long*)(memory + 8) = capacity;
        *(long*)(memory + HeadOffset) = 0;
        *(long*)(memory + TailOffset) = 0;
        *(int*)(memory + ConsumerAsleepOffset) = 0;
        *(int*)(memory + ProducerAsleepOffset) = 0;
        *(long*)(memory + WakeProducerAtOffset) = 0;
        // Magic last, with release: whoever sees it also sees the capacity and zeroed counters.
        Volatile.Write(ref Unsafe.AsRef<long>(memory), MagicWord);
        return new SpscRing(memory, capacity);
    }

    /// <summary>Attaches to a ring another process (or thread) created at <paramref name="memory"/>.</summary>
    public static SpscRing Attach(byte* memory, long length)
    {
        if (length < ControlBytes || Volatile.Read(ref Unsafe.AsRef<long>(memory)) != MagicWord)
        {
            throw new InvalidDataException("no ring buffer at this memory (magic word missing)");
        }

        long capacity = *(long*)(memory + 8);
        if (capacity < 64 || capacity > (1 << 30) || (capacity & (capacity - 1)) != 0 || length < FootprintBytes((int)capacity))
        {
            throw new InvalidDataException($"ring header is corrupt (capacity {capacity}, memory {length} bytes)");
        }

        return new SpscRing(memory, (int)capacity);
    }

    /// <summary>
    /// Producer side: appends one message made of <paramref name="first"/> then <paramref name="second"/>, whole or
    /// not at all. Returns false when the ring lacks room now (the caller waits and retries: that wait is backpressure).
    /// </summary>
    /// <exception cref="ArgumentException">The message can never fit, however long the caller waits.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryWrite(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        int length = first.Length + second.Length;
        if (length > MaxMessageBytes)
        {
            throw new ArgumentException($"a message of {length} bytes does not fit a ring of {Capacity} bytes (at most {MaxMessageBytes} bytes per message)");
        }

        long size = Padded(length);
        long tail = _producerTail;
        if (Capacity - (tail - _cachedHead) < size)
        {
            // Acquire: the consumer's reads of the space it freed happened before this, so we may overwrite it.
            _cachedHead = Volatile.Read(ref Head);
            if (Capacity - (tail - _cachedHead) < size)
            {
                return false;
            }
        }

        int at = (int)(tail & _mask);
        *(int*)(_data + at) = length;
        CopyIn(tail + sizeof(int), first);
        CopyIn(tail + sizeof(int) + first.Length, second);
        // Release: the length and payload stores above are visible to anyone who sees the new tail.
        Volatile.Write(ref Tail, tail + size);
        _producerTail = tail + size;
        // Counter store before flag load; pairs with the sleeping consumer's fence (Dekker).
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref ConsumerAsleep) != 0)
        {
            Wake(TailOffset);
        }

        return true;
    }

    /// <summary>
    /// Consumer side: copies the oldest message into <paramref name="destination"/> and frees its space. Returns false
    /// when the ring is empty now.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is smaller than the message (which stays in the ring).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(Span<byte> destination, out int length)
    {
        long head = _consumerHead;
        if (_cachedTail == head)
        {
            // Acquire: if we see the producer's new tail we also see the message bytes it wrote before it.
            _cachedTail = Volatile.Read(ref Tail);
            if (_cachedTail == head)
            {
                length = 0;
                return false;
            }
        }

        length = *(int*)(_data + (int)(head & _mask));
        if ((uint)length > (uint)MaxMessageBytes)
        {
            throw new InvalidDataException($"ring corrupt: message length {length} at byte {head}");
        }

        if (destination.Length < length)
        {
            throw new ArgumentException($"destination of {destination.Length} bytes is smaller than the next message ({length} bytes)", nameof(destination));
        }

        CopyOut(head + sizeof(int), destination[..length]);
        // Release: our reads of the message are complete before the producer can see this space as free.
        Volatile.Write(ref Head, head + Padded(length));
        _consumerHead = head + Padded(length);
        // Counter store before flag load; pairs with the sleeping producer's fence (Dekker).
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref ProducerAsleep) != 0 && _consumerHead >= Volatile.Read(ref WakeProducerAt))
        {
            Wake(HeadOffset);
        }

        return true;
    }

    /// <summary>Consumer side: returns once a message is there to read (spinning briefly, then asleep on the doorbell).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WaitToRead(CancellationToken cancel)
    {
        long head = _consumerHead;
        long spinUntil = 0;
        while (Volatile.Read(ref Tail) == head)
        {
            if (Spin(ref spinUntil))
            {
                continue;
            }

            cancel.ThrowIfCancellationRequested();
            Volatile.Write(ref ConsumerAsleep, 1);
            // Flag before re-reading the tail; pairs with the fence in the producer's Ring (Dekker).
            Interlocked.MemoryBarrier();
            long tail = Volatile.Read(ref Tail);
            if (tail == head)
            {
                Sleep(TailOffset, tail);
            }

            Volatile.Write(ref ConsumerAsleep, 0);
        }
    }

    /// <summary>
    /// Producer side: returns once a message of <paramref name="length"/> bytes fits (spinning briefly, then asleep on
    /// the doorbell). A producer that has to sleep asks to be woken only when a quarter of the ring is free (or its
    /// message fits, if larger): waking for every freed message would cost a context switch per message, and a
    /// writer that just found the ring full will find it full again at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WaitToWrite(int length, CancellationToken cancel)
    {
        long size = Padded(Math.Min(length, MaxMessageBytes));
        long tail = _producerTail;
        long spinUntil = 0;
        while (Capacity - (tail - Volatile.Read(ref Head)) < size)
        {
            if (Spin(ref spinUntil))
            {
                continue;
            }

            cancel.ThrowIfCancellationRequested();
            long wakeAt = tail - Capacity + Math.Max(size, Capacity / 4);
            WakeProducerAt = wakeAt;
            // Release: the consumer that sees the flag also sees the mark.
            Volatile.Write(ref ProducerAsleep, 1);
            // Flag before re-reading the head; pairs with the fence in TryRead (Dekker).
            Interlocked.MemoryBarrier();
            long head = Volatile.Read(ref Head);
            if (head < wakeAt)
            {
                Sleep(HeadOffset, head);
            }

            Volatile.Write(ref ProducerAsleep, 0);
        }
    }

    /// <summary>Wakes the other side, asleep on the counter at <paramref name="counterOffset"/>.</summary>
    private void Wake(int counterOffset)
    {
        if (Libc.HasFutex)
        {
            Libc.FutexWake((int*)(_control + counterOffset));
        }
    }

    /// <summary>Sleeps while the counter's low 32 bits still read <paramref name="seen"/> (little-endian: the word at its address).</summary>
    private void Sleep(int counterOffset, long seen)
    {
        if (Libc.HasFutex)
        {
            Libc.FutexWait((int*)(_control + counterOffset), (int)seen, SleepSliceMilliseconds);
        }
        else
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>True while still within the spin phase (spinning a little first).</summary>
    private static bool Spin(ref long until)
    {
        long now = Stopwatch.GetTimestamp();
        if (until == 0)
        {
            until = now + SpinTicks;
        }

        if (now >= until)
        {
            return false;
        }

        Thread.SpinWait(10);
        return true;
    }

    private static long Padded(int length) => (sizeof(int) + (long)length + 7) & ~7L;

    private void CopyIn(long position, ReadOnlySpan<byte> source)
    {
        int at = (int)(position & _mask);
        int first = Math.Min(source.Length, Capacity - at);
        source[..first].CopyTo(new Span<byte>(_data + at, first));
        source[first..].CopyTo(new Span<byte>(_data, source.Length - first));
    }

    private void CopyOut(long position, Span<byte> destination)
    {
        int at = (int)(position & _mask);
        int first = Math.Min(destination.Length, Capacity - at);
        new ReadOnlySpan<byte>(_data + at, first).CopyTo(destination);
        new ReadOnlySpan<byte>(_data, destination.Length - first).CopyTo(destination[first..]);
    }
}
