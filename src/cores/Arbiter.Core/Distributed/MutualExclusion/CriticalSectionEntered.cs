namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>Observation: node <paramref name="Node"/> entered the critical section for its <paramref name="Request"/>-th request.</summary>
/// <param name="Node">The node now in the critical section.</param>
/// <param name="Request">Which of its requests is being served, counting from 1.</param>
public sealed record CriticalSectionEntered(int Node, int Request);
