namespace Arbiter.Core.Distributed.Raft;

/// <summary>Observation: <paramref name="Node"/> compacted its log into a snapshot, or installed one from its leader.</summary>
/// <param name="Node">The server.</param>
/// <param name="Index">The snapshot's last index.</param>
/// <param name="Term">That index's term.</param>
/// <param name="Installed">True when installed from a leader (InstallSnapshot), false when taken locally.</param>
public sealed record RaftSnapshotEvent(int Node, long Index, long Term, bool Installed);
