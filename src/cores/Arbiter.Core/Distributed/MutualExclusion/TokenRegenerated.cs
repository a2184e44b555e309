namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>Observation: node <paramref name="Node"/> found the token lost and created the token of <paramref name="Epoch"/>.</summary>
/// <param name="Node">The regenerating node.</param>
/// <param name="Epoch">The new token's epoch.</param>
public sealed record TokenRegenerated(int Node, TokenEpoch Epoch);
