namespace Arbiter.Store.Coordination;

/// <summary>Campaign in an election with a value to lead with.</summary>
/// <param name="Election">Election name.</param>
/// <param name="Value">The value it proclaims once elected.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Name">Optional display name of the owner.</param>
public sealed record CampaignCommand(string Election, string Value, long Lease, string? Name = null) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource => Election;
}
