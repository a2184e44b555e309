namespace Arbiter.Core.Distributed.Commit;

/// <summary>Observation: <paramref name="Node"/> decided (coordinator) or applied (participant) the outcome.</summary>
/// <param name="Node">The node.</param>
/// <param name="Commit">True for commit, false for abort.</param>
public sealed record TransactionDecided(int Node, bool Commit);
