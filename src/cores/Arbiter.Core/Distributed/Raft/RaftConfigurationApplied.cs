namespace Arbiter.Core.Distributed.Raft;

/// <summary>Observation: <paramref name="Node"/> applied the committed configuration entry at <paramref name="Index"/>
/// (dissertation §4.1; the configuration had been in force on it since the entry reached its log).</summary>
/// <param name="Node">The server.</param>
/// <param name="Index">The entry's index.</param>
/// <param name="Configuration">The configuration the entry holds.</param>
public sealed record RaftConfigurationApplied(int Node, long Index, RaftConfiguration Configuration);
