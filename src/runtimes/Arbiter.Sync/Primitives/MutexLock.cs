// Source: the futex mutex of U. Drepper, "Futexes Are Tricky" (2011), §5 (one state word, a CAS on the fast path,
// the kernel only on contention), with the owner check of POSIX PTHREAD_MUTEX_ERRORCHECK and the FIFO hand-off
// of a queued lock (Mellor-Crummey & Scott 1991) as an option.
//
// Summary: a UnitCounter with one unit (free or held, plus the queued waiters) and an owner. Enter is one CAS
// 1 → 0 on the unit, then the owner is recorded; Exit checks the owner and is one CAS 0 → 1. Only with waiters
// does Exit take the gate: in barging mode it frees the unit and wakes the oldest waiter, which competes with
// running threads; in FIFO hand-off mode it passes the unit straight to the oldest waiter, so no newcomer can
// overtake it.
//
// Cost: uncontended Enter/Exit = one CAS each, no allocation. Contended: O(1) queue work under a small gate, one
// kernel wait and one wake-up per blocked thread (async waits allocate one node and one task).
using System.Runtime.CompilerServices;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// An owner-checked, non-reentrant mutex with synchronous and asynchronous acquisition, timeouts and cancellation.
/// </summary>
/// <remarks>
/// <para><b>Guarantees.</b> Mutual exclusion: always. Progress: a free lock is taken by some contender (no waiter
/// sleeps on a free lock). Bounded waiting: only with <see cref="LockOptions.FifoHandoff"/> — a waiter is overtaken
/// by no later arrival, so it waits for at most the threads queued before it. Without it (the default, as
/// <c>lock</c>), a running thread may take the lock ahead of woken waiters: more throughput, no bound.</para>
/// <para><b>Ownership.</b> A synchronous holder is its thread: <see cref="Exit"/> from another thread throws
/// <see cref="SynchronizationLockException"/>, and entering again from the holding thread throws
/// <see cref="LockRecursionException"/> (it would wait for itself forever). An asynchronous holder is its
/// <see cref="Releaser"/>. An acquisition that races a timeout or a cancellation may win it: the call then
/// reports success.</para>
/// </remarks>
public sealed partial class MutexLock : IReleasable
{
    private static long s_nextToken;
    private static long s_created;

    private readonly UnitCounter _unit;
    private readonly TrackedLock? _tracked;
    private long _owner;  // 0: free (or being handed over); > 0: managed thread id; < 0: async token

    /// <summary>Creates a free mutex.</summary>
    /// <param name="options">Lock class name, tracker, level and FIFO hand-off.</param>
    /// <param name="file">Creation site (filled in by the compiler): the lock class when no name is given.</param>
    /// <param name="line">Creation site (filled in by the compiler).</param>
    public MutexLock(LockOptions? options = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        : this(options, LockKind.Mutex, file, line)
    {
    }

    internal MutexLock(LockOptions? options, LockKind kind, string file, int line)
    {
        _unit = new UnitCounter(1, 1, options?.FifoHandoff ?? false);
        _tracked = TrackedLock.Create(options, kind, 1, file, line);
        Name = _tracked?.Name ?? options?.Name ?? $"{Path.GetFileName(file)}:{line}";
        Level = options?.Level;
        CreationOrder = Interlocked.Increment(ref s_created);
    }

    /// <summary>The lock's name for reports: its class name or creation site.</summary>
    public string Name { get; }

    /// <summary>True when release hands the lock to the oldest waiter (<see cref="LockOptions.FifoHandoff"/>).</summary>
    public bool FifoHandoff => _unit.Fifo;

    /// <summary>True when the calling thread holds the lock (through the synchronous API).</summary>
    public bool IsHeldByCurrentThread => Volatile.Read(ref _owner) == Environment.CurrentManagedThreadId;

    /// <summary>True when anyone holds the lock (a snapshot).</summary>
    public bool IsHeld => _unit.Count == 0;

    /// <summary>Threads and async calls queued now (a snapshot; spinning threads are not counted).</summary>
    public int WaitingCount => _unit.WaitingCount;

    internal bool IsHeldAsync => Volatile.Read(ref _owner) < 0;

    /// <summary>Waits until the lock is free and takes it.</summary>
    /// <exception cref="LockRecursionException">The calling thread already holds it.</exception>
    public void Enter()
    {
        int me = Environment.CurrentManagedThreadId;
        if (_owner == me)
        {
            throw Recursion();
        }

        if (_unit.TryTakeSole())
        {
            _owner = me;
            if (_tracked is not null)
            {
                Record(_tracked, 0);
            }

            return;
        }

        _tracked?.OnAcquiring(LockMode.Exclusive, blocking: true);
        if (!_unit.TryTake())
        {
            QueuedWait.Acquire(_unit, _tracked, LockMode.Exclusive, false, !_unit.Fifo, Deadline.Infinite, CancellationToken.None);
        }

        _owner = me;
        _tracked?.OnAcquired(LockMode.Exclusive, 1);
    }

    // Uncontended and tracked: the lock was taken without waiting, so the checks that must precede a wait (levels,
    // lock order) can run after the fact in one pass through the tracker; if they refuse, the lock is given back
    // before anyone could observe it held, and the refusal is thrown as if it had come first.
    // Not inlined into Enter: the tracker's hot path is inlined here instead, which keeps the untracked Enter small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Record(TrackedLock tracked, int subclass)
    {
        if (tracked.OnTaken(LockMode.Exclusive, 1, subclass) is { } refused)
        {
            Refuse(refused);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refuse(Exception refused)
    {
        Release();
        throw refused;
    }

    /// <summary>Waits until the lock is free and takes it, unless <paramref name="cancellationToken"/> fires first.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before the lock was acquired.</exception>
    public void Enter(CancellationToken cancellationToken) => EnterCore(Deadline.Infinite, 0, cancellationToken);

    /// <summary>
    /// Takes the lock while holding another lock of the same class (lockdep's nesting annotation): the validator
    /// accepts same-class nesting when the subclasses differ (e.g. 0 for the outer, 1 for the inner lock).
    /// </summary>
    public void EnterNested(int subclass) => EnterCore(Deadline.Infinite, subclass, CancellationToken.None);

    /// <summary>As <see cref="EnterNested(int)"/>, unless <paramref name="cancellationToken"/> fires first.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before the lock was acquired.</exception>
    public void EnterNested(int subclass, CancellationToken cancellationToken) => EnterCore(Deadline.Infinite, subclass, cancellationToken);

    /// <summary>The lock's hierarchical level (<see cref="LockOptions.Level"/>), if it has one.</summary>
    public int? Level { get; }

    /// <summary>Creation order of mutexes in this process: the tie-breaker of the global lock order.</summary>
    internal long CreationOrder { get; }

    /// <summary>The lock class for nesting annotations: the tracked class name, else the lock's name.</summary>
    internal string ClassName => _tracked?.Class.Name ?? Name;

    /// <summary>Takes the lock if it is free now; never waits (in FIFO hand-off mode, not past queued waiters).</summary>
    public bool TryEnter() => EnterCore(Deadline.Zero, 0, CancellationToken.None);

    /// <summary>Waits at most <paramref name="timeout"/> for the lock. False: timed out, nothing held.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative timeout other than <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the lock was acquired.</exception>
    public bool TryEnter(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        EnterCore(Deadline.Start(timeout), 0, cancellationToken);

    /// <summary>Enters and returns a scope whose <c>Dispose</c> exits: <c>using (mutex.EnterScope()) { … }</c>.</summary>
    public Scope EnterScope()
    {
        Enter();
        return new Scope(this);
    }

    /// <summary>Releases the lock.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold it.</exception>
    public void Exit()
    {
        if (_owner != Environment.CurrentManagedThreadId)
        {
            throw new SynchronizationLockException($"Mutex '{Name}' is released by a thread that does not hold it.");
        }

        _tracked?.OnReleased(LockMode.Exclusive, 1);
        Release();
    }

    /// <summary>
    /// Waits asynchronously for the lock; the <see cref="Releaser"/> releases it:
    /// <c>using (await mutex.LockAsync()) { … }</c>. Not re-entrant: an async flow that awaits it twice waits forever
    /// (with a tracker, the validator reports it and the watchdog finds the flow waiting for itself).
    /// </summary>
    public ValueTask<Releaser> LockAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<Releaser>(cancellationToken);
        }

        if (_tracked is not null)
        {
            var tracked = LockAsyncTracked(_tracked, Deadline.Infinite, 0, cancellationToken);
            return tracked.IsCompletedSuccessfully ? new ValueTask<Releaser>(tracked.Result!.Value) : Unwrap(tracked);
        }

        long token = NewToken();
        if (_unit.TryTake())
        {
            _owner = token;
            return new ValueTask<Releaser>(new Releaser(this, token));
        }

        return LockAsyncContended(token, cancellationToken);

        static async ValueTask<Releaser> Unwrap(ValueTask<Releaser?> pending) => (await pending.ConfigureAwait(false))!.Value;
    }

    /// <summary>
    /// <see cref="LockAsync"/> while holding another lock of the same class (the nesting annotation of
    /// <see cref="EnterNested(int)"/>, for async flows).
    /// </summary>
    public ValueTask<Releaser> LockNestedAsync(int subclass, CancellationToken cancellationToken = default)
    {
        if (_tracked is null || cancellationToken.IsCancellationRequested)
        {
            return LockAsync(cancellationToken);
        }

        var tracked = LockAsyncTracked(_tracked, Deadline.Infinite, subclass, cancellationToken);
        return tracked.IsCompletedSuccessfully ? new ValueTask<Releaser>(tracked.Result!.Value) : Unwrap(tracked);

        static async ValueTask<Releaser> Unwrap(ValueTask<Releaser?> pending) => (await pending.ConfigureAwait(false))!.Value;
    }

    /// <summary>
    /// Waits asynchronously at most <paramref name="timeout"/>: the releaser, or null when it timed out
    /// (<c>if (await m.TryLockAsync(t) is Releaser held) using (held) { … }</c>).
    /// </summary>
    public ValueTask<Releaser?> TryLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Deadline.Start(timeout);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<Releaser?>(cancellationToken);
        }

        if (_tracked is not null)
        {
            return LockAsyncTracked(_tracked, deadline, 0, cancellationToken);
        }

        long token = NewToken();
        if (_unit.TryTake())
        {
            _owner = token;
            return new ValueTask<Releaser?>(new Releaser(this, token));
        }

        return deadline.IsZero ? new ValueTask<Releaser?>((Releaser?)null) : TryLockAsyncContended(token, deadline, cancellationToken);
    }

    // Tracked: the checks and the push of the flow's hold run here, in the synchronous part of the caller's call (see
    // LockTracker), before any attempt; a refusal comes back as a faulted task, as any other failure of the call.
    private ValueTask<Releaser?> LockAsyncTracked(TrackedLock tracked, Deadline deadline, int subclass, CancellationToken cancellationToken)
    {
        AsyncHold hold;
        try
        {
            hold = tracked.OnAcquiringAsync(LockMode.Exclusive, 1, blocking: !deadline.IsZero, subclass);
        }
        catch (Exception e) when (e is LockHierarchyViolationException or LockOrderViolationException)
        {
            return ValueTask.FromException<Releaser?>(e);
        }

        long token = NewToken();
        if (_unit.TryTake())
        {
            _owner = token;
            hold.Grant();
            return new ValueTask<Releaser?>(new Releaser(this, token, hold));
        }

        if (deadline.IsZero)
        {
            hold.Fail();
            return new ValueTask<Releaser?>((Releaser?)null);
        }

        return Contended(token, hold, deadline, cancellationToken);

        async ValueTask<Releaser?> Contended(long token, AsyncHold hold, Deadline deadline, CancellationToken cancellationToken)
        {
            bool acquired = false;
            try
            {
                acquired = await QueuedWait.AcquireAsync(_unit, hold, token, false, deadline, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (!acquired)
                {
                    hold.Fail();
                }
            }

            if (!acquired)
            {
                return null;
            }

            _owner = token;
            hold.Grant();
            return new Releaser(this, token, hold);
        }
    }

    internal static long NewToken() => -Interlocked.Increment(ref s_nextToken);

    internal bool IsHeldBy(long token) => Volatile.Read(ref _owner) == token;

    /// <summary>Acquires on behalf of an existing async token (a monitor's condition re-acquiring for its holder).</summary>
    internal async ValueTask<bool> AcquireAsToken(long token, Deadline deadline, CancellationToken cancellationToken)
    {
        if (!_unit.TryTake() && !await QueuedWait.BlockAsync(_unit, token, false, deadline, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _owner = token;
        return true;
    }

    void IReleasable.Release(long token)
    {
        if (Volatile.Read(ref _owner) != token)
        {
            throw new SynchronizationLockException($"Mutex '{Name}' is released through a releaser that does not hold it (disposed twice?).");
        }

        Release();
    }

    private bool EnterCore(Deadline deadline, int subclass, CancellationToken cancellationToken)
    {
        int me = Environment.CurrentManagedThreadId;
        if (_owner == me)
        {
            throw Recursion();
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_tracked is not null && !deadline.IsZero && _unit.TryTakeSole())
        {
            _owner = me;
            Record(_tracked, subclass);
            return true;
        }

        _tracked?.OnAcquiring(LockMode.Exclusive, blocking: !deadline.IsZero, subclass);
        if (!_unit.TryTakeSole() && !_unit.TryTake() && !QueuedWait.Acquire(_unit, _tracked, LockMode.Exclusive, false, !_unit.Fifo, deadline, cancellationToken))
        {
            return false;
        }

        _owner = me;
        _tracked?.OnAcquired(LockMode.Exclusive, 1, subclass);
        return true;
    }

    private async ValueTask<Releaser> LockAsyncContended(long token, CancellationToken cancellationToken)
    {
        await AcquireAsToken(token, Deadline.Infinite, cancellationToken).ConfigureAwait(false);
        return new Releaser(this, token);
    }

    private async ValueTask<Releaser?> TryLockAsyncContended(long token, Deadline deadline, CancellationToken cancellationToken) =>
        await AcquireAsToken(token, deadline, cancellationToken).ConfigureAwait(false) ? new Releaser(this, token) : null;

    private void Release()
    {
        // Clear the owner before the release is published (the CAS inside is a full fence): the next holder
        // writes its own id after its CAS, so the two writes cannot be reordered.
        _owner = 0;
        if (!_unit.TryReleaseSole())
        {
            _unit.TryRelease(1); // waiters are queued; cannot exceed one unit: only the holder gets here
        }
    }

    private LockRecursionException Recursion() =>
        new($"Mutex '{Name}' is not re-entrant: the calling thread already holds it and would wait for itself forever.");
}
