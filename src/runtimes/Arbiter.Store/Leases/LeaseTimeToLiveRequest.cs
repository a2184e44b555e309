namespace Arbiter.Store.Leases;

/// <summary>etcd's <c>LeaseTimeToLiveRequest</c>.</summary>
public sealed class LeaseTimeToLiveRequest
{
    /// <summary>The lease id.</summary>
    public long Id { get; init; }

    /// <summary>List the attached keys too.</summary>
    public bool Keys { get; init; }
}
