namespace Arbiter.Store.Node;

/// <summary>
/// Observation: <paramref name="Node"/> heard a membership probe from <paramref name="Removed"/>, a server removed from
/// the group, and answers that it was removed; the probe gave the address to answer at (<paramref name="PeerUrl"/>,
/// null if it gave none that parses), which the host must be able to reach during this call.
/// </summary>
/// <param name="Node">The member that answers.</param>
/// <param name="Removed">The removed server.</param>
/// <param name="PeerUrl">Where the removed server listens, as its probe said.</param>
public sealed record StoreRemovedMemberProbed(int Node, int Removed, string? PeerUrl);
