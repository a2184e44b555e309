namespace Arbiter.Store.Coordination;

/// <summary>An owner's outstanding wait: queued for a resource (or arrived at a barrier) since a revision.</summary>
internal sealed class WaitEntry(OwnerState owner, ResourceState resource, int units, bool exclusive, long since, string? value)
{
    public OwnerState Owner { get; } = owner;

    public ResourceState Resource { get; } = resource;

    public int Units { get; } = units;

    public bool Exclusive { get; } = exclusive;

    public long Since { get; } = since;

    /// <summary>A candidate's value, which it leads with once elected.</summary>
    public string? Value { get; } = value;
}
