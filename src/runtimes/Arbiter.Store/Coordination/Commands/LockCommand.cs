namespace Arbiter.Store.Coordination;

/// <summary>Lock a mutex (or, with <paramref name="Try"/>, take it only if free and nobody queued).</summary>
/// <param name="Mutex">Mutex name.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Name">Optional display name of the owner.</param>
/// <param name="Try">Do not wait.</param>
public sealed record LockCommand(string Mutex, long Lease, string? Name = null, bool Try = false) : CoordinationCommand(Lease)
{
    /// <inheritdoc/>
    public override string Resource => Mutex;
}
