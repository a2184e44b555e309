// Source: P. J. Courtois, F. Heymans and D. L. Parnas, "Concurrent Control with 'Readers' and 'Writers'", CACM 14(10),
// 1971 (reader- and writer-preferring solutions); B. B. Brandenburg and J. H. Anderson, "Reader-Writer
// Synchronization for Shared-Memory Multiprocessor Real-Time Systems", ECRTS 2009, §3 (phase-fair locks).
//
// Summary: one 64-bit state word holds the active readers (low 32 bits), a writer-holds bit and two flags "readers
// wait" / "writers wait". A reader enters with one CAS that adds 1 when its policy admits it: no writer holds, and,
// unless reader-preferring, no writer waits. A writer enters with one CAS from a free word. Releases hand the lock
// directly to the waiters the policy picks (a released writer admits all waiting readers at once under the
// reader-preferring and phase-fair policies, the next writer under writer-preferring; the last reader out admits
// the next writer), so the policy, not the scheduler, decides who goes next.
//
// Cost: uncontended read or write enter/exit = one CAS each, no allocation; releasing a phase of k readers wakes k
// threads.
using System.Runtime.CompilerServices;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// A reader-writer lock: many readers together or one writer alone, with a selectable <see cref="ReadWritePolicy"/>,
/// synchronous and asynchronous APIs, timeouts and cancellation.
/// </summary>
/// <remarks>
/// <para><b>Guarantees.</b> Mutual exclusion between a writer and anyone else: always. Progress: a free lock goes
/// to some waiter. Bounded waiting: under <see cref="ReadWritePolicy.PhaseFair"/> a writer waits for at most one
/// reader phase plus the writers queued before it, and a reader for at most one writer phase. Under
/// <see cref="ReadWritePolicy.ReaderPreferring"/> writers can starve; under
/// <see cref="ReadWritePolicy.WriterPreferring"/> readers can.</para>
/// <para><b>Hand-off.</b> Releases always hand the lock to the waiters the policy chooses (the phase-fair bound
/// depends on it). <see cref="LockOptions.FifoHandoff"/> further forbids a newly arriving writer to take a free
/// lock while others are queued, which makes writers strictly FIFO among themselves.</para>
/// <para><b>Ownership.</b> The write lock is owned (by a thread, or by a <see cref="Releaser"/>): releasing it
/// elsewhere throws <see cref="SynchronizationLockException"/>; the holder entering again throws
/// <see cref="LockRecursionException"/>. Read holds are counted, not owned (as the seed's <c>readcount</c>): exiting
/// a read lock nobody holds throws, but a thread that exits a read lock another thread holds is not detected, nor
/// is a reader that enters again (which can wait forever behind a waiting writer).</para>
/// </remarks>
public sealed partial class ReadWriteLock : IWaitPolicy, IReleasable
{
    private const long ReaderMask = 0xFFFF_FFFF;
    private const long WriterHeld = 1L << 32;
    private const long ReadersWaiting = 1L << 33;
    private const long WritersWaiting = 1L << 34;
    private const long ReaderToken = 0;

    private readonly Lock _gate = new();
    private readonly WaitQueue _readers = new();
    private readonly WaitQueue _writers = new();
    private readonly TrackedLock? _tracked;
    private readonly bool _fifo;
    private readonly bool _readersYield; // a reader does not enter while a writer waits
    private long _state;
    private long _writer; // 0, a thread id, or an async token

    /// <summary>Creates a free reader-writer lock.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown policy.</exception>
    public ReadWriteLock(ReadWritePolicy policy, LockOptions? options = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        if (!Enum.IsDefined(policy))
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown reader-writer policy.");
        }

        Policy = policy;
        _readersYield = policy != ReadWritePolicy.ReaderPreferring;
        _fifo = options?.FifoHandoff ?? false;
        _tracked = TrackedLock.Create(options, LockKind.ReaderWriter, 1, file, line);
        Name = _tracked?.Name ?? options?.Name ?? $"{Path.GetFileName(file)}:{line}";
    }

    /// <summary>The lock's name for reports: its class name or creation site.</summary>
    public string Name { get; }

    /// <summary>Who goes first when readers and writers wait.</summary>
    public ReadWritePolicy Policy { get; }

    /// <summary>True when writers are strictly FIFO (<see cref="LockOptions.FifoHandoff"/>).</summary>
    public bool FifoHandoff => _fifo;

    /// <summary>Readers inside now (a snapshot).</summary>
    public int CurrentReadCount => (int)(Volatile.Read(ref _state) & ReaderMask);

    /// <summary>True when a writer holds the lock (a snapshot).</summary>
    public bool IsWriteLockHeld => (Volatile.Read(ref _state) & WriterHeld) != 0;

    /// <summary>True when the calling thread holds the write lock.</summary>
    public bool IsWriteLockHeldByCurrentThread => Volatile.Read(ref _writer) == Environment.CurrentManagedThreadId;

    /// <summary>Threads and async calls queued for reading (a snapshot).</summary>
    public int WaitingReadCount
    {
        get
        {
            lock (_gate)
            {
                return _readers.Count;
            }
        }
    }

    /// <summary>Threads and async calls queued for writing (a snapshot).</summary>
    public int WaitingWriteCount
    {
        get
        {
            lock (_gate)
            {
                return _writers.Count;
            }
        }
    }

    /// <summary>Enters as a reader, waiting as long as the policy requires.</summary>
    /// <exception cref="LockRecursionException">The calling thread holds the write lock.</exception>
    public void EnterRead() => EnterReadCore(Deadline.Infinite, CancellationToken.None);

    /// <summary>Enters as a reader unless cancelled first.</summary>
    public void EnterRead(CancellationToken cancellationToken) => EnterReadCore(Deadline.Infinite, cancellationToken);

    /// <summary>Enters as a reader if the policy admits it now; never waits.</summary>
    public bool TryEnterRead() => EnterReadCore(Deadline.Zero, CancellationToken.None);

    /// <summary>Enters as a reader, waiting at most <paramref name="timeout"/>. False: timed out.</summary>
    public bool TryEnterRead(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        EnterReadCore(Deadline.Start(timeout), cancellationToken);

    /// <summary>Leaves as a reader.</summary>
    /// <exception cref="SynchronizationLockException">No reader holds the lock.</exception>
    public void ExitRead()
    {
        if ((Volatile.Read(ref _state) & ReaderMask) == 0)
        {
            throw NotHeld("read");
        }

        _tracked?.OnReleased(LockMode.Shared, 1);
        ReleaseRead();
    }

    /// <summary>Enters as the writer, waiting as long as the policy requires.</summary>
    /// <exception cref="LockRecursionException">The calling thread already holds the write lock.</exception>
    public void EnterWrite() => EnterWriteCore(Deadline.Infinite, CancellationToken.None);

    /// <summary>Enters as the writer unless cancelled first.</summary>
    public void EnterWrite(CancellationToken cancellationToken) => EnterWriteCore(Deadline.Infinite, cancellationToken);

    /// <summary>Enters as the writer if the lock is free now; never waits.</summary>
    public bool TryEnterWrite() => EnterWriteCore(Deadline.Zero, CancellationToken.None);

    /// <summary>Enters as the writer, waiting at most <paramref name="timeout"/>. False: timed out.</summary>
    public bool TryEnterWrite(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        EnterWriteCore(Deadline.Start(timeout), cancellationToken);

    /// <summary>Leaves as the writer.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the write lock.</exception>
    public void ExitWrite()
    {
        if (_writer != Environment.CurrentManagedThreadId)
        {
            throw NotHeld("write");
        }

        _tracked?.OnReleased(LockMode.Exclusive, 1);
        ReleaseWrite();
    }

    /// <summary>Enters as a reader; the scope's <c>Dispose</c> exits.</summary>
    public ReadScope EnterReadScope()
    {
        EnterRead();
        return new ReadScope(this);
    }

    /// <summary>Enters as the writer; the scope's <c>Dispose</c> exits.</summary>
    public WriteScope EnterWriteScope()
    {
        EnterWrite();
        return new WriteScope(this);
    }

    /// <summary>Enters as a reader asynchronously; dispose the releaser to leave.</summary>
    public ValueTask<Releaser> ReadLockAsync(CancellationToken cancellationToken = default) =>
        LockAsync(shared: true, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Enters as the writer asynchronously; dispose the releaser to leave.</summary>
    public ValueTask<Releaser> WriteLockAsync(CancellationToken cancellationToken = default) =>
        LockAsync(shared: false, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Enters as a reader asynchronously, waiting at most <paramref name="timeout"/>; null when it timed out.</summary>
    public ValueTask<Releaser?> TryReadLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TryLockAsync(shared: true, timeout, cancellationToken);

    /// <summary>Enters as the writer asynchronously, waiting at most <paramref name="timeout"/>; null when it timed out.</summary>
    public ValueTask<Releaser?> TryWriteLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TryLockAsync(shared: false, timeout, cancellationToken);

    void IReleasable.Release(long token)
    {
        if (token == ReaderToken)
        {
            ReleaseRead();
            return;
        }

        if (Volatile.Read(ref _writer) != token)
        {
            throw new SynchronizationLockException($"Reader-writer lock '{Name}': the write lock is released through a releaser that does not hold it (disposed twice?).");
        }

        ReleaseWrite();
    }

    private bool EnterReadCore(Deadline deadline, CancellationToken cancellationToken)
    {
        if (_writer == Environment.CurrentManagedThreadId)
        {
            throw Recursion("read");
        }

        cancellationToken.ThrowIfCancellationRequested();
        _tracked?.OnAcquiring(LockMode.Shared, blocking: !deadline.IsZero);
        if (!TryEnterReadNow() && !QueuedWait.Acquire(this, _tracked, LockMode.Shared, true, false, deadline, cancellationToken))
        {
            return false;
        }

        _tracked?.OnAcquired(LockMode.Shared, 1);
        return true;
    }

    private bool EnterWriteCore(Deadline deadline, CancellationToken cancellationToken)
    {
        int me = Environment.CurrentManagedThreadId;
        if (_writer == me)
        {
            throw Recursion("write");
        }

        cancellationToken.ThrowIfCancellationRequested();
        _tracked?.OnAcquiring(LockMode.Exclusive, blocking: !deadline.IsZero);
        if (!TryEnterWriteNow() && !QueuedWait.Acquire(this, _tracked, LockMode.Exclusive, false, false, deadline, cancellationToken))
        {
            return false;
        }

        _writer = me;
        _tracked?.OnAcquired(LockMode.Exclusive, 1);
        return true;
    }

    private ValueTask<Releaser> LockAsync(bool shared, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = TryLockAsync(shared, timeout, cancellationToken);
        return pending.IsCompletedSuccessfully ? new ValueTask<Releaser>(pending.Result!.Value) : Unwrap(pending);

        static async ValueTask<Releaser> Unwrap(ValueTask<Releaser?> pending) => (await pending.ConfigureAwait(false))!.Value;
    }

    private ValueTask<Releaser?> TryLockAsync(bool shared, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.Start(timeout);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<Releaser?>(cancellationToken);
        }

        // Tracked: the checks and the push of the flow's hold run here, in the synchronous part (see LockTracker).
        AsyncHold? hold = null;
        if (_tracked is not null)
        {
            try
            {
                hold = _tracked.OnAcquiringAsync(shared ? LockMode.Shared : LockMode.Exclusive, 1, blocking: !deadline.IsZero);
            }
            catch (Exception e) when (e is LockHierarchyViolationException or LockOrderViolationException)
            {
                return ValueTask.FromException<Releaser?>(e);
            }
        }

        long token = shared ? ReaderToken : MutexLock.NewToken();
        if (shared ? TryEnterReadNow() : TryEnterWriteNow())
        {
            if (!shared)
            {
                _writer = token;
            }

            hold?.Grant();
            return new ValueTask<Releaser?>(new Releaser(this, token, hold));
        }

        if (deadline.IsZero)
        {
            hold?.Fail();
            return new ValueTask<Releaser?>((Releaser?)null);
        }

        return Contended(token, shared, hold, deadline, cancellationToken);

        async ValueTask<Releaser?> Contended(long token, bool shared, AsyncHold? hold, Deadline deadline, CancellationToken cancellationToken)
        {
            bool acquired = false;
            try
            {
                acquired = hold is null
                    ? await QueuedWait.BlockAsync(this, token, shared, deadline, cancellationToken).ConfigureAwait(false)
                    : await QueuedWait.AcquireAsync(this, hold, token, shared, deadline, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (!acquired)
                {
                    hold?.Fail();
                }
            }

            if (!acquired)
            {
                return null;
            }

            if (!shared)
            {
                _writer = token;
            }

            hold?.Grant();
            return new Releaser(this, token, hold);
        }
    }

    private bool ReaderMayEnter(long s) =>
        (s & WriterHeld) == 0 && !(_readersYield && (s & WritersWaiting) != 0);

    private bool WriterMayEnter(long s) =>
        (s & (ReaderMask | WriterHeld)) == 0 && !(_fifo && (s & (ReadersWaiting | WritersWaiting)) != 0);

    private bool TryEnterReadNow()
    {
        long s = Volatile.Read(ref _state);
        while (ReaderMayEnter(s))
        {
            long seen = Interlocked.CompareExchange(ref _state, s + 1, s);
            if (seen == s)
            {
                return true;
            }

            s = seen;
        }

        return false;
    }

    private bool TryEnterWriteNow()
    {
        long s = Volatile.Read(ref _state);
        while (WriterMayEnter(s))
        {
            long seen = Interlocked.CompareExchange(ref _state, s | WriterHeld, s);
            if (seen == s)
            {
                return true;
            }

            s = seen;
        }

        return false;
    }

    private void ReleaseRead()
    {
        long s = Volatile.Read(ref _state);
        while (true)
        {
            if ((s & ReaderMask) == 0)
            {
                throw NotHeld("read");
            }

            long next = s - 1;
            long seen = Interlocked.CompareExchange(ref _state, next, s);
            if (seen == s)
            {
                if ((next & ReaderMask) == 0 && (next & WritersWaiting) != 0)
                {
                    ReadersDrained();
                }

                return;
            }

            s = seen;
        }
    }

    private void ReleaseWrite()
    {
        // Clear the owner before the CAS (a full fence) publishes the release; the next writer sets it after its own.
        _writer = 0;
        if (Interlocked.CompareExchange(ref _state, 0, WriterHeld) != WriterHeld)
        {
            WriterLeaves();
        }
    }

    /// <summary>A writer leaves with waiters queued: the policy picks the next phase.</summary>
    private void WriterLeaves()
    {
        Waiter? next;
        lock (_gate)
        {
            // While WriterHeld is set nobody else can change the word, except the flags, which change only here.
            bool readersFirst = Policy != ReadWritePolicy.WriterPreferring || _writers.IsEmpty;
            if (!_readers.IsEmpty && readersFirst)
            {
                next = AdmitReaders(-WriterHeld);
            }
            else if (!_writers.IsEmpty)
            {
                next = AdmitWriter(0);
            }
            else
            {
                Update(-WriterHeld, 0);
                next = null;
            }
        }

        Waiter.Publish(next);
    }

    /// <summary>The last reader left while a writer waits: admit it unless a newcomer already took the lock.</summary>
    private void ReadersDrained()
    {
        Waiter? next = null;
        lock (_gate)
        {
            long s = Volatile.Read(ref _state);
            if ((s & (ReaderMask | WriterHeld)) == 0)
            {
                if (!_writers.IsEmpty)
                {
                    next = AdmitWriter(WriterHeld);
                }
                else if (!_readers.IsEmpty)
                {
                    next = AdmitReaders(0);
                }
            }
        }

        Waiter.Publish(next);
    }

    /// <summary>Under the gate: one reader phase for every queued reader. Returns them to wake.</summary>
    private Waiter? AdmitReaders(long writerDelta)
    {
        if (!TryUpdate(writerDelta == 0 ? WriterHeld : 0, writerDelta + _readers.Count, ReadersWaiting))
        {
            return null;
        }

        Waiter? first = null;
        Waiter? last = null;
        while (_readers.Dequeue() is { } reader)
        {
            reader.Pending = Waiter.Granted;
            if (last is null)
            {
                first = reader;
            }
            else
            {
                last.NextToWake = reader;
            }

            last = reader;
        }

        return first;
    }

    /// <summary>Under the gate: hands the lock to the oldest queued writer. Returns it to wake.</summary>
    private Waiter? AdmitWriter(long writerDelta)
    {
        long clear = _writers.Count == 1 ? WritersWaiting : 0;
        if (!TryUpdate(writerDelta == 0 ? 0 : ReaderMask | WriterHeld, writerDelta, clear))
        {
            return null; // a newcomer took the lock first; its release will admit the writer
        }

        var writer = _writers.Dequeue()!;
        _writer = writer.Identity;
        writer.Pending = Waiter.Granted;
        return writer;
    }

    /// <summary>Atomically adds <paramref name="add"/> and clears <paramref name="clear"/>, unless any bit of <paramref name="mustBeZero"/> is set.</summary>
    private bool TryUpdate(long mustBeZero, long add, long clear)
    {
        long s = Volatile.Read(ref _state);
        while ((s & mustBeZero) == 0)
        {
            long seen = Interlocked.CompareExchange(ref _state, (s + add) & ~clear, s);
            if (seen == s)
            {
                return true;
            }

            s = seen;
        }

        return false;
    }

    private void Update(long add, long clear) => TryUpdate(0, add, clear);

    private SynchronizationLockException NotHeld(string mode) =>
        new($"Reader-writer lock '{Name}': the {mode} lock is released by a thread that does not hold it.");

    private LockRecursionException Recursion(string mode) =>
        new($"Reader-writer lock '{Name}' is not re-entrant: the calling thread holds the write lock and enters for {mode}, which would wait for itself forever.");

    Lock IWaitPolicy.Gate => _gate;

    bool IWaitPolicy.TryAcquireNow(bool shared) => shared ? TryEnterReadNow() : TryEnterWriteNow();

    bool IWaitPolicy.TryAcquireOrEnqueue(Waiter node, bool atFront)
    {
        long s = Volatile.Read(ref _state);
        while (true)
        {
            bool admit = node.Shared ? ReaderMayEnter(s) : WriterMayEnter(s);
            long next = admit
                ? (node.Shared ? s + 1 : s | WriterHeld)
                : s | (node.Shared ? ReadersWaiting : WritersWaiting);
            long seen = Interlocked.CompareExchange(ref _state, next, s);
            if (seen == s)
            {
                if (!admit)
                {
                    (node.Shared ? _readers : _writers).Enqueue(node, atFront);
                }

                return admit;
            }

            s = seen;
        }
    }

    Waiter? IWaitPolicy.Withdraw(Waiter node)
    {
        if (node.Shared)
        {
            _readers.Remove(node);
            if (_readers.IsEmpty)
            {
                Update(0, ReadersWaiting);
            }

            return null;
        }

        _writers.Remove(node);
        if (!_writers.IsEmpty)
        {
            return null;
        }

        Update(0, WritersWaiting);

        // Readers that queued only because this writer was waiting may go now (unless a writer holds the lock).
        return _readers.IsEmpty ? null : AdmitReaders(0);
    }
}
