// Source: E. W. Dijkstra, "Cooperating Sequential Processes" (EWD 123, 1965), §4.3 (the bounded buffer with
// semaphores), as the seed (004, week 2) writes it: a binary semaphore `mutex` guarding the buffer, a counting
// semaphore `empty` (N free slots) and a counting semaphore `full` (0 filled slots).
//
// Summary: Put = wait(empty); wait(mutex); insert; signal(mutex); signal(full). Take = wait(full); wait(mutex);
// remove; signal(mutex); signal(empty). The order matters: waiting on `empty` while holding `mutex` would deadlock
// (a producer asleep inside the buffer lock would stop the consumer that would free a slot). Backpressure is the
// `empty` semaphore: a producer that outruns the consumers sleeps in wait(empty).
// Shutdown (Complete) passes a baton: it releases one extra unit of `full` and of `empty`; a thread that wakes
// on it and finds nothing to do (empty and completed; completed) releases it again for the next one and leaves.
//
// Cost: per item two semaphore operations and one mutex enter/exit, each one CAS when uncontended.
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// The producer-consumer bounded buffer of the seed, built from this library's <see cref="MutexLock"/> and two
/// <see cref="CountingSemaphore"/>s, with backpressure, timeouts, cancellation, async variants and shutdown.
/// </summary>
/// <remarks>
/// <para><b>Guarantees.</b> Never more than <see cref="Capacity"/> items inside; every item put is taken exactly
/// once, in FIFO order of insertion. Producers block while it is full, consumers while it is empty. Fairness
/// among producers (and among consumers) is that of the semaphores: FIFO with <see cref="LockOptions.FifoHandoff"/>.</para>
/// <para><b>Shutdown.</b> After <see cref="Complete"/>, puts throw <see cref="InvalidOperationException"/> (also
/// producers that were blocked), takes drain what is left and then fail: <see cref="Take()"/> throws
/// <see cref="InvalidOperationException"/>, <c>TryTake</c> returns false.</para>
/// </remarks>
/// <typeparam name="T">Item type.</typeparam>
public sealed class BoundedBuffer<T>
{
    private readonly T[] _items;
    private readonly MutexLock _mutex;
    private readonly CountingSemaphore _empty;
    private readonly CountingSemaphore _full;
    private int _head;
    private int _count;
    private int _maxOccupancy;
    private long _putCount;
    private long _takeCount;
    private long _producerBlockedTicks;
    private long _consumerBlockedTicks;
    private volatile bool _completed;

    /// <summary>Creates an empty buffer of <paramref name="capacity"/> slots.</summary>
    /// <param name="capacity">Slots (N of the seed), at least 1.</param>
    /// <param name="options">Options for the three primitives inside (named "name.mutex", "name.empty", "name.full").</param>
    /// <param name="file">Creation site (filled in by the compiler).</param>
    /// <param name="line">Creation site (filled in by the compiler).</param>
    public BoundedBuffer(int capacity, LockOptions? options = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _items = new T[capacity];
        string name = options?.Name ?? $"{Path.GetFileName(file)}:{line}";
        var baseOptions = options ?? new LockOptions();

        // Only the mutex is a lock. 'empty' and 'full' signal between threads — the producer takes an 'empty'
        // unit that a consumer gives back — so no thread holds their units, and tracked they would make every
        // second Put look like recursive locking and pile up phantom holds. The cost: a deadlock through a full
        // (or empty) buffer is not seen by the watchdog; a deadlock on the mutex still is.
        _mutex = new MutexLock(baseOptions with { Name = name + ".mutex" }, file, line);
        _empty = new CountingSemaphore(capacity, capacity + 1, baseOptions with { Name = name + ".empty", Untracked = true }, file, line); // + 1: the shutdown baton
        _full = new CountingSemaphore(0, capacity + 1, baseOptions with { Name = name + ".full", Untracked = true }, file, line);
        Name = name;
    }

    /// <summary>The buffer's name.</summary>
    public string Name { get; }

    /// <summary>Slots.</summary>
    public int Capacity => _items.Length;

    /// <summary>Items inside now (a snapshot).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The most items ever inside at once.</summary>
    public int MaxOccupancy => Volatile.Read(ref _maxOccupancy);

    /// <summary>Items put so far.</summary>
    public long PutCount => Interlocked.Read(ref _putCount);

    /// <summary>Items taken so far.</summary>
    public long TakeCount => Interlocked.Read(ref _takeCount);

    /// <summary>Total time producers spent blocked on a full buffer (summed over producers).</summary>
    public TimeSpan ProducerBlockedTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _producerBlockedTicks));

    /// <summary>Total time consumers spent blocked on an empty buffer (summed over consumers).</summary>
    public TimeSpan ConsumerBlockedTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _consumerBlockedTicks));

    /// <summary>True once <see cref="Complete"/> was called.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Puts an item, waiting while the buffer is full.</summary>
    /// <exception cref="InvalidOperationException">The buffer was completed.</exception>
    public void Put(T item) => PutCore(item, Deadline.Infinite, CancellationToken.None);

    /// <summary>Puts an item, waiting while the buffer is full, unless cancelled first.</summary>
    public void Put(T item, CancellationToken cancellationToken) => PutCore(item, Deadline.Infinite, cancellationToken);

    /// <summary>Puts an item, waiting at most <paramref name="timeout"/> for a slot. False: timed out, nothing put.</summary>
    public bool TryPut(T item, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        PutCore(item, Deadline.Start(timeout), cancellationToken);

    /// <summary>Takes the oldest item, waiting while the buffer is empty.</summary>
    /// <exception cref="InvalidOperationException">The buffer was completed and is empty.</exception>
    public T Take() => Take(CancellationToken.None);

    /// <summary>Takes the oldest item unless cancelled first.</summary>
    public T Take(CancellationToken cancellationToken) =>
        TakeCore(out T item, Deadline.Infinite, cancellationToken) ? item : throw Drained();

    /// <summary>Takes the oldest item, waiting at most <paramref name="timeout"/>. False: timed out, or completed and empty.</summary>
    public bool TryTake(out T item, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TakeCore(out item, Deadline.Start(timeout), cancellationToken);

    /// <summary>Puts an item asynchronously.</summary>
    public async ValueTask PutAsync(T item, CancellationToken cancellationToken = default)
    {
        ThrowIfCompleted();
        if (!_empty.TryWait())
        {
            Interlocked.Add(ref _producerBlockedTicks, await BlockedWaitAsync(_empty, cancellationToken).ConfigureAwait(false));
        }

        bool inserted;
        using (await _mutex.LockAsync(CancellationToken.None).ConfigureAwait(false))
        {
            inserted = Insert(item);
        }

        AfterInsert(inserted);
    }

    /// <summary>Takes the oldest item asynchronously.</summary>
    /// <exception cref="InvalidOperationException">The buffer was completed and is empty.</exception>
    public async ValueTask<T> TakeAsync(CancellationToken cancellationToken = default)
    {
        if (!_full.TryWait())
        {
            Interlocked.Add(ref _consumerBlockedTicks, await BlockedWaitAsync(_full, cancellationToken).ConfigureAwait(false));
        }

        T item;
        bool taken;
        using (await _mutex.LockAsync(CancellationToken.None).ConfigureAwait(false))
        {
            taken = Remove(out item);
        }

        AfterRemove(taken);
        return taken ? item : throw Drained();
    }

    /// <summary>
    /// Ends production: no more puts; consumers drain what is left. Producers and consumers blocked now are woken
    /// (they fail as described in the remarks). Idempotent.
    /// </summary>
    public void Complete()
    {
        _mutex.Enter(CancellationToken.None);
        bool first = !_completed;
        _completed = true;
        _mutex.Exit();
        if (first)
        {
            _full.Release();
            _empty.Release();
        }
    }

    private bool PutCore(T item, Deadline deadline, CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        if (!Acquire(_empty, deadline, cancellationToken, ref _producerBlockedTicks))
        {
            return false;
        }

        // Once a slot is ours, finish the put: the mutex is held only for an O(1) insert, so it is not cancellable.
        _mutex.Enter(CancellationToken.None);
        bool inserted = Insert(item);
        _mutex.Exit();
        AfterInsert(inserted);
        return true;
    }

    private bool TakeCore(out T item, Deadline deadline, CancellationToken cancellationToken)
    {
        if (!Acquire(_full, deadline, cancellationToken, ref _consumerBlockedTicks))
        {
            item = default!;
            return false;
        }

        _mutex.Enter(CancellationToken.None);
        bool taken = Remove(out item);
        _mutex.Exit();
        AfterRemove(taken);
        return taken;
    }

    /// <summary>signal(full) after a put; after a refused put, pass the `empty` unit (the shutdown baton) on and fail.</summary>
    private void AfterInsert(bool inserted)
    {
        if (!inserted)
        {
            _empty.Release();
            throw Completed();
        }

        _full.Release();
    }

    /// <summary>signal(empty) after a take; after the shutdown baton, pass it on to the next blocked consumer.</summary>
    private void AfterRemove(bool taken) => (taken ? _empty : _full).Release();

    /// <summary>wait(sem), timing only the part spent blocked (the uncontended try is not blocking).</summary>
    private static bool Acquire(CountingSemaphore semaphore, Deadline deadline, CancellationToken cancellationToken, ref long blockedTicks)
    {
        if (semaphore.TryWait())
        {
            return true;
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            return semaphore.WaitCore(deadline, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref blockedTicks, Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>
    /// wait(sem) asynchronously after the free try failed; returns the ticks spent blocked. A cancelled wait
    /// throws and its blocked time is not counted (nothing was put or taken).
    /// </summary>
    private static async ValueTask<long> BlockedWaitAsync(CountingSemaphore semaphore, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>Inside the mutex, holding an `empty` unit. False when completed.</summary>
    private bool Insert(T item)
    {
        if (_completed)
        {
            return false;
        }

        int tail = (_head + _count) % _items.Length;
        _items[tail] = item;
        int count = _count + 1;
        Volatile.Write(ref _count, count);
        if (count > _maxOccupancy)
        {
            Volatile.Write(ref _maxOccupancy, count);
        }

        Interlocked.Increment(ref _putCount);
        return true;
    }

    /// <summary>Inside the mutex, holding a `full` unit. False when that unit was the shutdown baton (nothing left).</summary>
    private bool Remove(out T item)
    {
        if (_count == 0)
        {
            item = default!;
            return false;
        }

        item = _items[_head];
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Volatile.Write(ref _count, _count - 1);
        Interlocked.Increment(ref _takeCount);
        return true;
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw Completed();
        }
    }

    private InvalidOperationException Completed() => new($"Bounded buffer '{Name}' is completed: no more items may be put.");

    private InvalidOperationException Drained() => new($"Bounded buffer '{Name}' is completed and empty.");
}
