namespace Arbiter.Core.Distributed.Election;

/// <summary>Observation: <paramref name="Leader"/> became the leader of <paramref name="Term"/> (a majority backs it).</summary>
/// <param name="Leader">The new leader.</param>
/// <param name="Term">Its term.</param>
public sealed record LeaderElected(int Leader, long Term);
