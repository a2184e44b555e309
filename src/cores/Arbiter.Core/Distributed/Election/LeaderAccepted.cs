namespace Arbiter.Core.Distributed.Election;

/// <summary>Observation: <paramref name="Node"/> now follows <paramref name="Leader"/> in <paramref name="Term"/>.</summary>
/// <param name="Node">The follower.</param>
/// <param name="Leader">Its leader.</param>
/// <param name="Term">The term.</param>
public sealed record LeaderAccepted(int Node, int Leader, long Term);
