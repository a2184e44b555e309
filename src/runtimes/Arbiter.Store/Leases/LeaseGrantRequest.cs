namespace Arbiter.Store.Leases;

/// <summary>etcd's <c>LeaseGrantRequest</c>.</summary>
public sealed class LeaseGrantRequest
{
    /// <summary>The time to live in seconds (raised to the store's minimum if below it).</summary>
    public long Ttl { get; init; }

    /// <summary>The id wanted; 0 lets the store choose.</summary>
    public long Id { get; init; }
}
