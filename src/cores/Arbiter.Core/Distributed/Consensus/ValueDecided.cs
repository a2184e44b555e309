namespace Arbiter.Core.Distributed.Consensus;

/// <summary>Observation: learner <paramref name="Node"/> learned that <paramref name="Value"/> was chosen (by ballot <paramref name="Ballot"/>).</summary>
/// <param name="Node">The learner.</param>
/// <param name="Value">The chosen value.</param>
/// <param name="Ballot">The ballot a majority accepted.</param>
public sealed record ValueDecided(int Node, string Value, Ballot Ballot);
