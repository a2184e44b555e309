namespace Arbiter.Core.Distributed.Commit;

/// <summary>Observation: participant <paramref name="Node"/> voted.</summary>
/// <param name="Node">The participant.</param>
/// <param name="Yes">Its vote.</param>
public sealed record VoteCast(int Node, bool Yes);
