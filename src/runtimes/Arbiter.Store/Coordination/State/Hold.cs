namespace Arbiter.Store.Coordination;

/// <summary>One owner's hold on a resource: units (a reader, a mutex holder and a leader hold 1; a writer holds the
/// lock exclusively), the fencing token of its grant, and for an election the leader's value.</summary>
internal sealed class Hold(OwnerState owner, ResourceState resource, int units, bool exclusive, long token, string? value)
{
    public OwnerState Owner { get; } = owner;

    public ResourceState Resource { get; } = resource;

    public int Units { get; } = units;

    public bool Exclusive { get; } = exclusive;

    public long Token { get; } = token;

    public string? Value { get; set; } = value;
}
