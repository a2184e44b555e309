namespace Arbiter.Store.Coordination;

/// <summary>Everything an ended lease held was released and its waits and candidacies dropped.</summary>
/// <param name="Lease">The lease that ended.</param>
/// <param name="Released">Resources it held.</param>
/// <param name="WaitsDropped">Waits (lock, permits, candidacy, barrier arrival) withdrawn: 0 or 1.</param>
public sealed record LeaseCleared(long Lease, int Released, int WaitsDropped) : CoordinationResult;
