namespace Arbiter.Store.Node;

/// <summary>Observation: the leader <paramref name="Node"/> decided that leases <paramref name="Ids"/> expired and
/// proposed their expiry through the log (the only way a lease ever expires).</summary>
/// <param name="Node">The proposing server.</param>
/// <param name="Term">Its term (it was leader of it).</param>
/// <param name="Ids">The leases, ascending.</param>
public sealed record LeaseExpiryProposed(int Node, long Term, IReadOnlyList<long> Ids);
