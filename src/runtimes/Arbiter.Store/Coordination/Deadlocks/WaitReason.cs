namespace Arbiter.Store.Coordination;

/// <summary>Why one owner waits for another in the wait-for graph.</summary>
public enum WaitReason
{
    /// <summary>The other holds (units of) the resource.</summary>
    Holds,

    /// <summary>The other is queued just ahead for the same resource: FIFO grants it first (no barging).</summary>
    QueuedAhead,
}
