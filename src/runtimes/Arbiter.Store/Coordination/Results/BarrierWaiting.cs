namespace Arbiter.Store.Coordination;

/// <summary>The owner arrived at a barrier that still misses parties; a <see cref="BarrierReleased"/> notification ends the wait.</summary>
/// <param name="Barrier">Barrier name.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Generation">The barrier's current generation (0, 1, …).</param>
/// <param name="Arrived">Parties arrived so far in this generation, this one included.</param>
/// <param name="Parties">Parties needed.</param>
public sealed record BarrierWaiting(string Barrier, long Lease, long Generation, int Arrived, int Parties) : CoordinationResult;
