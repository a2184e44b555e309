using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Tracking;

/// <summary>
/// Lock-order validation (<see cref="Validator"/>, lockdep) and live deadlock detection (<see cref="Watchdog"/>)
/// for the primitives of Arbiter.Sync, plus enforcement of lock levels. Primitives created while a tracker applies
/// (<see cref="LockOptions.Tracker"/>, else <see cref="Global"/>) report their acquisitions to it: synchronous ones
/// held by the thread, asynchronous ones (<c>LockAsync</c>, <c>WaitAsync</c>, <c>ReadLockAsync</c>…) held by the
/// async flow (see the remarks).
/// </summary>
/// <remarks>
/// An async flow's holds live in an <see cref="AsyncLocal{T}"/> (an immutable list, so forked children inherit them),
/// pushed in the synchronous part of the acquiring call and popped when its releaser is disposed. An async
/// acquisition is checked (levels, lock order) against the flow's live holds and the calling thread's synchronous
/// holds; a synchronous acquisition against the thread's holds only (reading the async-local on the synchronous hot
/// path would cost more than the whole check). The watchdog puts threads and async flows in one wait-for graph.
/// </remarks>
/// <example>
/// <code>
/// using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.FromMilliseconds(100) });
/// var a = new MutexLock(new LockOptions { Name = "A", Tracker = tracker });
/// var b = new MutexLock(new LockOptions { Name = "B", Tracker = tracker });
/// // thread 1 takes A then B, thread 2 B then A: tracker.Validator.Reports holds the inversion even if no deadlock happened.
/// </code>
/// </example>
public sealed partial class LockTracker : IDisposable
{
    [ThreadStatic]
    private static ThreadLockState? t_last;

    private readonly ConcurrentDictionary<string, LockClass> _classes = new(StringComparer.Ordinal);
    private readonly ThreadLocal<ThreadLockState> _states;
    private int _nextClassId;
    private long _nextWaitId;

    /// <summary>Creates a tracker (and starts its watchdog when <see cref="LockTrackerOptions.WatchdogInterval"/> is set).</summary>
    /// <param name="options">What to validate and watch.</param>
    /// <param name="timeProvider">Clock of the reports' timestamps. The watchdog paces its scans on a thread of its own
    /// with real time (an interval of zero runs no thread: call <see cref="DeadlockWatchdog.Scan"/> yourself).</param>
    public LockTracker(LockTrackerOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? new LockTrackerOptions();
        Time = timeProvider ?? TimeProvider.System;
        if (Options.WatchdogInterval is { } interval && interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the watchdog interval must not be negative");
        }

        bool publish = Options.WatchdogInterval is not null;
        _states = new ThreadLocal<ThreadLockState>(() => new ThreadLockState(this, Thread.CurrentThread, publish), trackAllValues: true);
        Validator = Options.ValidateOrder ? new LockOrderValidator(this) : null;
        Watchdog = Options.WatchdogInterval is { } i ? new DeadlockWatchdog(this, i) : null;
    }

    /// <summary>The tracker primitives use when their options name none; null (the default) means tracking off.</summary>
    public static LockTracker? Global { get; set; }

    /// <summary>The tracker behind locks that have a level but no tracker: it checks levels only.</summary>
    internal static LockTracker LevelsOnly { get; } = new(new LockTrackerOptions { ValidateOrder = false });

    /// <summary>The settings.</summary>
    public LockTrackerOptions Options { get; }

    /// <summary>The lock-order validator, or null when <see cref="LockTrackerOptions.ValidateOrder"/> is off.</summary>
    public LockOrderValidator? Validator { get; }

    /// <summary>The deadlock watchdog, or null when no <see cref="LockTrackerOptions.WatchdogInterval"/> is set.</summary>
    public DeadlockWatchdog? Watchdog { get; }

    /// <summary>The lock classes seen so far.</summary>
    public IReadOnlyCollection<LockClass> Classes => [.. _classes.Values.OrderBy(c => c.Id)];

    internal TimeProvider Time { get; }

    internal LockClass ClassFor(string? name, string file, int line, int? level)
    {
        string key = name ?? $"{Path.GetFileName(file)}:{line}";
        var lockClass = _classes.GetOrAdd(key, k => new LockClass(Interlocked.Increment(ref _nextClassId) - 1, k, level));
        if (lockClass.Level != level)
        {
            throw new ArgumentException($"lock class '{key}' already has level {lockClass.Level?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; every lock of a class shares its level");
        }

        return lockClass;
    }

    internal void OnAcquiring(TrackedLock trackedLock, LockMode mode, bool blocking, int subclass)
    {
        if (blocking && Check(Current(), trackedLock, trackedLock.Node | (ushort)subclass) is { } refused)
        {
            throw refused;
        }
    }

    // The uncontended tracked acquisition, the hot path of a validated lock: one thread-static lookup, the chain key
    // (precomputed for a lock taken with nothing held), a probe of the thread's cache, one push. The key and level
    // computed for the checks are the ones pushed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Exception? OnTaken(TrackedLock trackedLock, LockMode mode, int units, int subclass)
    {
        var state = Current();
        long node = trackedLock.Node | (ushort)subclass;
        int maxBelow = state.Top(out ulong below);
        if (trackedLock.Level != int.MinValue && trackedLock.Level <= maxBelow)
        {
            return LevelViolation(state.Held, trackedLock);
        }

        ulong chain = below == ChainKey.Empty && subclass == 0 ? trackedLock.RootChain : ChainKey.Extend(below, node);
        if (Validator is { } validator && !state.IsCachedValid(chain) && Validate(validator, state, trackedLock, node, chain) is { } refused)
        {
            return refused;
        }

        state.Push(trackedLock, mode, units, node, chain, Math.Max(trackedLock.Level, maxBelow));
        return null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LockOrderViolationException? Validate(LockOrderValidator validator, ThreadLockState state, TrackedLock trackedLock, long node, ulong chain) =>
        validator.Validate(new LockHolder(state, state.Held, null), trackedLock, node, chain) is { } violation ? new LockOrderViolationException(violation) : null;

    // The checks that precede a blocking acquisition: the lock's level against the levels held, then the lock order.
    private Exception? Check(ThreadLockState state, TrackedLock trackedLock, long node)
    {
        if (trackedLock.Level != int.MinValue && trackedLock.Level <= state.MaxLevel)
        {
            return LevelViolation(state.Held, trackedLock);
        }

        if (Validator is not null)
        {
            ulong chain = state.ChainWith(node);
            if (!state.IsCachedValid(chain) && Validator.Validate(new LockHolder(state, state.Held, null), trackedLock, node, chain) is { } violation)
            {
                return new LockOrderViolationException(violation);
            }
        }

        return null;
    }

    internal void OnAcquired(TrackedLock trackedLock, LockMode mode, int units, int subclass) =>
        Current().Push(trackedLock, mode, units, trackedLock.Node | (ushort)subclass);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void OnReleased(TrackedLock trackedLock, LockMode mode, int units)
    {
        if (!Current().Release(trackedLock, mode, units))
        {
            ReleasedByNonHolder(trackedLock, units);
        }
    }

    // A semaphore may be released by a thread that did not acquire it (signalling). A synchronous acquirer still
    // counts as holding the unit (see WaitForSnapshot); an async one gives it up (see ReleaseSemaphoreAsync).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReleasedByNonHolder(TrackedLock trackedLock, int units)
    {
        if (trackedLock.Kind == LockKind.Semaphore)
        {
            ReleaseSemaphoreAsync(trackedLock, units);
        }
    }

    internal WaitRecord? BeginWait(TrackedLock trackedLock, LockMode mode, int units, CancellationToken cancellationToken)
    {
        if (Watchdog is null)
        {
            return null;
        }

        var state = Current();
        var record = new WaitRecord(
            Interlocked.Increment(ref _nextWaitId),
            state,
            state.ThreadName,
            // A thread that blocks inside an async flow also holds the flow's async locks (read on this slow path only).
            _flow.Value is { } chain ? AsyncHeldChain.Holds(chain) : [],
            trackedLock,
            mode,
            units,
            Time.GetUtcNow(),
            Options.CaptureStacks ? StackText.Capture(fileInfo: false) : null,
            cancellable: Options.OnDeadlock == DeadlockPolicy.ThrowInVictim,
            cancellationToken);
        state.SetWaiting(record);
        return record;
    }

    internal static void EndWait(WaitRecord record, bool acquired)
    {
        if (record.Thread is { } thread)
        {
            thread.SetWaiting(null);
        }
        else
        {
            record.Lock.Tracker._asyncWaits.TryRemove(record, out _);
        }

        record.Dispose();
        if (!acquired && record.VictimOf is { } report)
        {
            throw new DeadlockVictimException(report);
        }
    }

    /// <summary>
    /// Consistent copies of every live thread that holds or waits for a tracked lock, and of every waiting async flow,
    /// with the async holds given to their waiters (see <see cref="AssignAsyncHolds"/>).
    /// </summary>
    internal List<ThreadView> Snapshot()
    {
        var views = new List<ThreadView>();
        foreach (var state in _states.Values)
        {
            if (!state.Thread.IsAlive)
            {
                continue;
            }

            // A thread caught mid-change is running, not blocked, so it is in no deadlock now; leaving it out (and
            // what it holds) can only make the ledger more optimistic.
            for (int attempt = 0; attempt < 3; attempt++)
            {
                if (state.TrySnapshot(out var held, out var waiting))
                {
                    if (held.Length > 0 || waiting is not null)
                    {
                        views.Add(new ThreadView(state, state.ThreadName, state.ThreadId, held, waiting));
                    }

                    break;
                }
            }
        }

        foreach (var record in _asyncWaits.Keys)
        {
            views.Add(new ThreadView(null, record.WaiterName, 0, [], record));
        }

        return AssignAsyncHolds(views);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ThreadLockState Current()
    {
        // A [ThreadStatic] hit costs about a nanosecond; ThreadLocal<T>.Value is the slower fallback for a thread's
        // first use of this tracker or after it used another one.
        var last = t_last;
        if (last is not null && ReferenceEquals(last.Tracker, this))
        {
            return last;
        }

        return CurrentSlow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ThreadLockState CurrentSlow()
    {
        var state = _states.Value!;
        t_last = state;
        return state;
    }

    private static LockHierarchyViolationException LevelViolation(ReadOnlySpan<HeldLock> held, TrackedLock trackedLock)
    {
        var top = held.ToArray().Where(h => h.Lock.Class.Level is not null).MaxBy(h => h.Lock.Class.Level!.Value);
        return new LockHierarchyViolationException(
            $"acquiring '{trackedLock.Name}' (level {trackedLock.Level}) while holding '{top.Lock.Name}' (level {top.Lock.Class.Level}): levels must strictly increase");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Watchdog?.Dispose();
        _states.Dispose();
    }
}
