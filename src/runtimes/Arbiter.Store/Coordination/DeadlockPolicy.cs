namespace Arbiter.Store.Coordination;

/// <summary>Which wait is failed when a wait closes a deadlock.</summary>
public enum DeadlockPolicy
{
    /// <summary>Fail the wait that closed the cycle (the newest waiter): the state goes back to the one before it, which had no deadlock.</summary>
    FailNewestWaiter,

    /// <summary>Fail the deadlocked waiter with the lowest victim cost (Arbiter.Core's <c>VictimCost</c>: age of the
    /// owner as CPU time, units held, units still needed, times already chosen as victim as rollbacks).</summary>
    FailCheapest,
}
