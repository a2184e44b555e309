namespace Arbiter.Store.Coordination;

/// <summary>Resource → owner: the owner holds it.</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The holder.</param>
/// <param name="Units">Units held.</param>
/// <param name="Exclusive">A writer (or a mutex holder, a leader); false for a reader or permits.</param>
/// <param name="Token">Its fencing token.</param>
public sealed record HoldEdge(string Resource, long Lease, int Units, bool Exclusive, long Token);
