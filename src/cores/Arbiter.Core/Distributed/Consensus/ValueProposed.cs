namespace Arbiter.Core.Distributed.Consensus;

/// <summary>Observation: proposer <paramref name="Node"/> proposes <paramref name="Value"/> (its own input).</summary>
/// <param name="Node">The proposer.</param>
/// <param name="Value">Its input value.</param>
public sealed record ValueProposed(int Node, string Value);
