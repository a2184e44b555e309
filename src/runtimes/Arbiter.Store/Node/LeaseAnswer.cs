namespace Arbiter.Store.Node;

/// <summary>The leader's answer to a <see cref="LeaseQuery"/>.</summary>
/// <param name="Id">The lease.</param>
/// <param name="Ttl">Seconds left (keep-alive: the TTL renewed, 0 if the lease is unknown or already expired;
/// time-to-live: -1 if unknown).</param>
/// <param name="GrantedTtl">The TTL it was granted with (time-to-live only).</param>
/// <param name="Revision">The store revision at the leader when it answered.</param>
/// <param name="Keys">The keys attached (time-to-live with keys only).</param>
public sealed record LeaseAnswer(long Id, long Ttl, long GrantedTtl, long Revision, IReadOnlyList<byte[]> Keys);
