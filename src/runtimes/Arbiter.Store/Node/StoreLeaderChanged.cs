namespace Arbiter.Store.Node;

/// <summary>Observation: <paramref name="Node"/> learned that <paramref name="Leader"/> leads (0: it knows no leader).</summary>
/// <param name="Node">The server that noticed.</param>
/// <param name="Leader">The leader it now knows (0: none).</param>
/// <param name="Term">Its term.</param>
public sealed record StoreLeaderChanged(int Node, int Leader, long Term);
