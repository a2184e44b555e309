using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Tracking;

/// <summary>
/// The tracker's view of one primitive instance. A primitive created with tracking off holds null instead and
/// pays one null check per operation; with tracking on it calls these hooks from its synchronous API, on the
/// acquiring thread (the validator and the watchdog reason about threads, as lockdep reasons about tasks).
/// </summary>
/// <remarks>
/// Call order for one acquisition: <see cref="OnAcquiring"/> (before any attempt: order and level checks),
/// then either <see cref="OnAcquired"/> directly (fast path) or <see cref="WaitScope.Begin"/> … wait …
/// <see cref="WaitScope.End"/> and, if acquired, <see cref="OnAcquired"/>. <see cref="OnReleased"/> on release.
/// An async acquisition calls <see cref="OnAcquiringAsync"/> in the synchronous part of the call (so that the hold
/// it pushes on the flow's chain flows back to the caller), then, if it waits, <see cref="WaitScope.BeginAsync"/> …
/// <see cref="WaitScope.End"/>, and <see cref="AsyncHold.Grant"/> or <see cref="AsyncHold.Fail"/>; its
/// <see cref="Primitives.Releaser"/> calls <see cref="OnReleasedAsync"/>.
/// </remarks>
internal sealed class TrackedLock
{
    private static long s_nextId;

    private TrackedLock(LockTracker tracker, LockClass lockClass, LockKind kind, int capacity, string name)
    {
        Tracker = tracker;
        Class = lockClass;
        Kind = kind;
        Capacity = capacity;
        Id = Interlocked.Increment(ref s_nextId);
        Name = name;
        Node = ChainKey.Node(lockClass, 0);
        RootChain = ChainKey.Extend(ChainKey.Empty, Node);
        Level = lockClass.Level ?? int.MinValue;
        _asyncHolds = kind == LockKind.Semaphore ? new LinkedList<AsyncHold>() : null;
    }

    // Copies of the class's id and level, read on every tracked acquisition without a second indirection.
    internal readonly long Node;
    internal readonly int Level;

    // The chain key of this lock (subclass 0) taken with nothing held: the common case costs no mix.
    internal readonly ulong RootChain;

    // Semaphores only: the live async holds, oldest first, so that a release no flow holds retires one (see
    // LockTracker.OnReleased). Guarded by itself.
    private readonly LinkedList<AsyncHold>? _asyncHolds;

    /// <summary>The tracker this lock reports to.</summary>
    public LockTracker Tracker { get; }

    /// <summary>The lock class (name or creation site) the validator orders.</summary>
    public LockClass Class { get; }

    /// <summary>What kind of primitive this is.</summary>
    public LockKind Kind { get; }

    /// <summary>Units the primitive has in all (1 for a mutex; the initial count for a semaphore).</summary>
    public int Capacity { get; }

    /// <summary>Unique id of the instance.</summary>
    public long Id { get; }

    /// <summary>Instance name for reports: the class name and, for a class with several instances, a number.</summary>
    public string Name { get; }

    /// <summary>
    /// The tracked view of a new primitive, or null when no tracker applies and the lock has no level — the
    /// "zero cost when off" case.
    /// </summary>
    public static TrackedLock? Create(LockOptions? options, LockKind kind, int capacity, string file, int line)
    {
        var tracker = options?.Tracker ?? LockTracker.Global;
        if (options?.Untracked == true || (tracker is null && options?.Level is null))
        {
            return null;
        }

        tracker ??= LockTracker.LevelsOnly;
        var lockClass = tracker.ClassFor(options?.Name, file, line, options?.Level);
        return new TrackedLock(tracker, lockClass, kind, capacity, lockClass.NextInstanceName());
    }

    /// <summary>
    /// Before the first attempt to acquire: checks the lock level against the levels this thread holds and lets
    /// the validator add held-class → this-class edges (a pure try, <paramref name="blocking"/> false, cannot
    /// deadlock and adds no edges, as in lockdep). May throw <see cref="LockHierarchyViolationException"/> or,
    /// under <see cref="InversionPolicy.Throw"/>, <see cref="LockOrderViolationException"/>.
    /// </summary>
    public void OnAcquiring(LockMode mode, bool blocking, int subclass = 0) =>
        Tracker.OnAcquiring(this, mode, blocking, subclass);

    /// <summary>
    /// <see cref="OnAcquiring"/> and <see cref="OnAcquired"/> in one pass, for a blocking acquisition that
    /// succeeded without waiting. Returns the exception to throw (after giving the lock back) when the level or the
    /// validator refuses; the hold is then not recorded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Exception? OnTaken(LockMode mode, int units, int subclass) => Tracker.OnTaken(this, mode, units, subclass);

    /// <summary>The calling thread now holds <paramref name="units"/> of this lock.</summary>
    public void OnAcquired(LockMode mode, int units, int subclass = 0) =>
        Tracker.OnAcquired(this, mode, units, subclass);

    /// <summary>The calling thread gave back <paramref name="units"/> of this lock.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnReleased(LockMode mode, int units) => Tracker.OnReleased(this, mode, units);

    /// <summary>
    /// The synchronous part of an async acquisition: checks the level and the lock order against what the async flow
    /// holds (and what the calling thread holds synchronously), then pushes a pending hold on the flow's chain and
    /// returns it. Throws as <see cref="OnAcquiring"/> does; nothing is pushed then.
    /// </summary>
    public AsyncHold OnAcquiringAsync(LockMode mode, int units, bool blocking, int subclass = 0) =>
        Tracker.OnAcquiringAsync(this, mode, units, blocking, subclass);

    /// <summary>A releaser gives back <paramref name="hold"/> (from whatever flow disposes it).</summary>
    public void OnReleasedAsync(AsyncHold hold) => Tracker.OnReleasedAsync(hold);

    internal void AddAsyncHold(AsyncHold hold)
    {
        lock (_asyncHolds!)
        {
            hold.ListNode = _asyncHolds.AddLast(hold);
        }
    }

    internal void RemoveAsyncHold(AsyncHold hold)
    {
        lock (_asyncHolds!)
        {
            if (hold.ListNode is { List: not null } node)
            {
                _asyncHolds.Remove(node);
            }

            hold.ListNode = null;
        }
    }

    /// <summary>The oldest live async hold of this semaphore, if any.</summary>
    internal AsyncHold? OldestAsyncHold()
    {
        if (_asyncHolds is null)
        {
            return null;
        }

        lock (_asyncHolds)
        {
            for (var node = _asyncHolds.First; node is not null; node = node.Next)
            {
                if (node.Value.IsLive)
                {
                    return node.Value;
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
