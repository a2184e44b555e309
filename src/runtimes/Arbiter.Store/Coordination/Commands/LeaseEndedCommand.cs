namespace Arbiter.Store.Coordination;

/// <summary>The lease was revoked or expired (decided by the leader and replicated): everything it held goes.</summary>
/// <param name="Lease">The lease.</param>
public sealed record LeaseEndedCommand(long Lease) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource => "";
}
