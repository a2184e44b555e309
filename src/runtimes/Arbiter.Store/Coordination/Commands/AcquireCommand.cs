namespace Arbiter.Store.Coordination;

/// <summary>Acquire <paramref name="Units"/> of the <paramref name="Permits"/> permits of a counting semaphore.</summary>
/// <param name="Semaphore">Semaphore name.</param>
/// <param name="Permits">N, its number of permits (must agree with the semaphore while it exists).</param>
/// <param name="Units">k, 1 ≤ k ≤ N.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Name">Optional display name of the owner.</param>
/// <param name="Try">Do not wait.</param>
public sealed record AcquireCommand(string Semaphore, int Permits, int Units, long Lease, string? Name = null, bool Try = false) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource => Semaphore;
}
