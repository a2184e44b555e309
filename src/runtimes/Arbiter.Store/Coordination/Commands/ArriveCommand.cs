namespace Arbiter.Store.Coordination;

/// <summary>Arrive at a barrier of <paramref name="Parties"/> parties.</summary>
/// <param name="Barrier">Barrier name.</param>
/// <param name="Parties">N (must agree with the barrier).</param>
/// <param name="Lease">The owner.</param>
/// <param name="Name">Optional display name of the owner.</param>
public sealed record ArriveCommand(string Barrier, int Parties, long Lease, string? Name = null) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource => Barrier;
}
