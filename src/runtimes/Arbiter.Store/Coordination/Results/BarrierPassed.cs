namespace Arbiter.Store.Coordination;

/// <summary>This arrival was the N-th: the generation is released (the others get a <see cref="BarrierReleased"/>).</summary>
/// <param name="Barrier">Barrier name.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Generation">The generation released.</param>
public sealed record BarrierPassed(string Barrier, long Lease, long Generation) : CoordinationResult;
