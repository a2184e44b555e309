namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>Observation: node <paramref name="Node"/> asked for the critical section (its <paramref name="Request"/>-th time, from 1).</summary>
/// <param name="Node">The requesting node.</param>
/// <param name="Request">Which of its requests this is, counting from 1.</param>
public sealed record CriticalSectionRequested(int Node, int Request);
