namespace Arbiter.Store.Coordination;

/// <summary>A waiter was granted the resource, woken by this operation (a release, a lease end, a cancelled or failed wait ahead of it).</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The owner granted.</param>
/// <param name="Token">Fencing token: the revision of the operation that handed the resource over.</param>
/// <param name="Since">Revision at which its wait began.</param>
public sealed record WaiterGranted(string Resource, long Lease, long Token, long Since) : CoordinationNotification;
