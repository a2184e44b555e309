namespace Arbiter.Store.Coordination;

/// <summary>The leader steps down (or a candidate withdraws).</summary>
/// <param name="Election">Election name.</param>
/// <param name="Lease">The owner.</param>
public sealed record ResignCommand(string Election, long Lease) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource => Election;
}
