using Arbiter.Sync.Tracking;

namespace Arbiter.Sync;

/// <summary>Options every blocking primitive of Arbiter.Sync accepts.</summary>
public sealed record LockOptions
{
    /// <summary>
    /// The lock class for lock-order validation (lockdep groups locks into classes: every account lock is one
    /// class "account"). Without a name the class is the creation site (file and line of the constructor call).
    /// </summary>
    public string? Name { get; init; }

    /// <summary>
    /// The tracker that validates lock order and watches for deadlocks. Null means <see cref="LockTracker.Global"/>
    /// as it is when the primitive is created; when that is null too, tracking is off and costs nothing.
    /// </summary>
    public LockTracker? Tracker { get; init; }

    /// <summary>
    /// Hierarchical locking (prevention by resource ordering): a thread may only acquire a lock whose level is
    /// strictly greater than every level it already holds; a violation throws
    /// <see cref="LockHierarchyViolationException"/> before the thread waits. Null: the lock has no level.
    /// </summary>
    public int? Level { get; init; }

    /// <summary>
    /// FIFO hand-off: a release with waiters passes the lock straight to the longest waiter, so no newcomer can
    /// overtake it (bounded waiting, at the price of throughput: every hand-off is a context switch). False
    /// (the default) lets a running thread barge in, as <c>lock</c> and <c>SemaphoreSlim</c> do.
    /// </summary>
    public bool FifoHandoff { get; init; }

    /// <summary>
    /// Keeps the primitive out of tracking whatever tracker applies: for semaphores that signal between threads
    /// (one thread waits, another releases), whose units are not held by anyone in the lock sense. Tracked, the
    /// waiter would seem to keep every unit it took, and its next wait would look like recursive locking.
    /// </summary>
    internal bool Untracked { get; init; }
}
