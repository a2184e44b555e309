namespace Arbiter.Core.Distributed.Raft;

/// <summary>Observation: <paramref name="Node"/> applied the committed entry at <paramref name="Index"/> (state machine
/// safety, §5.4.3: no other server ever applies a different entry there).</summary>
/// <param name="Node">The server.</param>
/// <param name="Index">The entry's index.</param>
/// <param name="Term">The entry's term.</param>
/// <param name="Hash">The <see cref="RaftHash"/> of its data.</param>
public sealed record RaftEntryApplied(int Node, long Index, long Term, ulong Hash);
