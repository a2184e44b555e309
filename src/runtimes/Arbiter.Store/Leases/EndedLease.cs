namespace Arbiter.Store.Leases;

/// <summary>
/// A lease that ended (revoked or expired) while a command applied, and the store revision after it ended: the
/// server releases what the coordination service holds for it, and fences with that revision.
/// </summary>
/// <param name="Id">The lease id.</param>
/// <param name="Revision">The revision at which its keys were deleted (the current one if it had none).</param>
/// <param name="Expired">True if ended by the leader's expiry, false if revoked by a client.</param>
public readonly record struct EndedLease(long Id, long Revision, bool Expired);
