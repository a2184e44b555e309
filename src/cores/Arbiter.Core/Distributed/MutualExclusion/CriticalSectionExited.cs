namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>Observation: node <paramref name="Node"/> left the critical section after its <paramref name="Request"/>-th entry.</summary>
/// <param name="Node">The node leaving.</param>
/// <param name="Request">Which of its requests was served, counting from 1.</param>
public sealed record CriticalSectionExited(int Node, int Request);
