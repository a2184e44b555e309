namespace Arbiter.Store.Coordination;

/// <summary>The resource was granted at once (lock, read or write lock, permits, leadership).</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Token">Fencing token: the revision of the operation that granted it.</param>
public sealed record Granted(string Resource, long Lease, long Token) : CoordinationResult;
