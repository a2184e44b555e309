namespace Arbiter.Core.Distributed.Raft;

/// <summary>Observation: <paramref name="Node"/> became leader of <paramref name="Term"/> (election safety allows one per term, §5.2).</summary>
/// <param name="Node">The new leader.</param>
/// <param name="Term">Its term.</param>
/// <param name="LastIndex">Its last log index when elected.</param>
public sealed record RaftBecameLeader(int Node, long Term, long LastIndex);
