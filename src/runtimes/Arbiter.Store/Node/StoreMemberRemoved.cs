namespace Arbiter.Store.Node;

/// <summary>
/// Observation: <paramref name="Node"/> learned that it was removed from the group for good — from its own committed
/// configuration (<paramref name="ToldBy"/> 0) or from member <paramref name="ToldBy"/>, which answered its probe.
/// </summary>
/// <param name="Node">The removed server.</param>
/// <param name="ToldBy">The member that told it (0: its own log did).</param>
public sealed record StoreMemberRemoved(int Node, int ToldBy);
