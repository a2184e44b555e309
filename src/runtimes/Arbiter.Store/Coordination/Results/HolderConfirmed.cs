namespace Arbiter.Store.Coordination;

/// <summary>"Am I still the holder?" — yes, with this token.</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Token">Its fencing token.</param>
public sealed record HolderConfirmed(string Resource, long Lease, long Token) : CoordinationResult;
