namespace Arbiter.Store.Coordination;

/// <summary>Take a reader-writer lock for reading (shared) or writing (<paramref name="Write"/>: exclusive).</summary>
/// <param name="Lock">Lock name.</param>
/// <param name="Write">Exclusive (writer) rather than shared (reader).</param>
/// <param name="Lease">The owner.</param>
/// <param name="Name">Optional display name of the owner.</param>
/// <param name="Try">Do not wait.</param>
public sealed record ReadWriteLockCommand(string Lock, bool Write, long Lease, string? Name = null, bool Try = false) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource => Lock;
}
