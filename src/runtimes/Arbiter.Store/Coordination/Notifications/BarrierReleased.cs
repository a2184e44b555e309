namespace Arbiter.Store.Coordination;

/// <summary>A barrier generation was released: every party in <paramref name="Parties"/> (arrival order) may go on.</summary>
/// <param name="Barrier">Barrier name.</param>
/// <param name="Generation">The generation released.</param>
/// <param name="Parties">The leases released, in arrival order (the last one is the caller).</param>
/// <param name="Revision">Revision of the release.</param>
public sealed record BarrierReleased(string Barrier, long Generation, IReadOnlyList<long> Parties, long Revision) : CoordinationNotification;
