namespace Arbiter.Store.Commands;

/// <summary>
/// The leader's decision that these leases expired (from <c>Lessor.Expired</c>): each still alive is ended, its
/// keys deleted in a revision of its own. Only a leader proposes it; followers never decide expiry.
/// </summary>
/// <param name="Ids">The lease ids.</param>
public sealed record LeaseExpireCommand(IReadOnlyList<long> Ids) : StoreCommand;
