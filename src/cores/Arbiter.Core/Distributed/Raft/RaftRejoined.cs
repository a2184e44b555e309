namespace Arbiter.Core.Distributed.Raft;

/// <summary>Observation: <paramref name="Node"/>, whose storage was truncated, was restored by the leader of
/// <paramref name="Term"/> and may vote and campaign again.</summary>
/// <param name="Node">The server.</param>
/// <param name="Term">The term of the leader that restored it.</param>
public sealed record RaftRejoined(int Node, long Term);
