namespace Arbiter.Store.Coordination;

/// <summary>The leader publishes a new value.</summary>
/// <param name="Election">Election name.</param>
/// <param name="Value">The new value.</param>
/// <param name="Lease">The owner (must lead).</param>
public sealed record ProclaimCommand(string Election, string Value, long Lease) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource => Election;
}
