namespace Arbiter.Sync.Tracking;

/// <summary>The problems the lock-order validator reports.</summary>
public enum LockOrderProblem
{
    /// <summary>The new edge closes a cycle of lock classes: an inversion.</summary>
    Inversion,

    /// <summary>A thread acquires a class it already holds, with the same subclass: a self-deadlock for a mutex.</summary>
    RecursiveLocking,
}
