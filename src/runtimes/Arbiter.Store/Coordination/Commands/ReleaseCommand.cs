namespace Arbiter.Store.Coordination;

/// <summary>Release what the owner holds on a resource (unlock, permits, leadership), or withdraw its wait for it.</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The owner.</param>
public sealed record ReleaseCommand(string Resource, long Lease) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource { get; } = Resource;
}
