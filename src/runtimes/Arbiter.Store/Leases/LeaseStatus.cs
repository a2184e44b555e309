namespace Arbiter.Store.Leases;

/// <summary>etcd's <c>LeaseStatus</c> (an entry of <c>LeaseLeasesResponse</c>), with the granted TTL added.</summary>
/// <param name="Id">The lease id.</param>
/// <param name="GrantedTtl">The TTL granted in seconds.</param>
public readonly record struct LeaseStatus(long Id, long GrantedTtl);
