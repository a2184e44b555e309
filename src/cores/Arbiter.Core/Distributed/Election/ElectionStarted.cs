namespace Arbiter.Core.Distributed.Election;

/// <summary>Observation: <paramref name="Node"/> detected a missing leader (or recovered) and started an election in <paramref name="Term"/>.</summary>
/// <param name="Node">The initiator.</param>
/// <param name="Term">The election's term.</param>
public sealed record ElectionStarted(int Node, long Term);
