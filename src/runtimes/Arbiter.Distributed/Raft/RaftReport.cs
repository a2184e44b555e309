using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Raft;

/// <summary>What a <see cref="RaftScenario"/> run did.</summary>
/// <param name="Result">The simulation's result (violations, counters).</param>
/// <param name="Acknowledged">Commands the client saw acknowledged.</param>
/// <param name="Leaders">Leaders elected, by term.</param>
/// <param name="CommittedIndex">The highest index applied anywhere.</param>
/// <param name="FinishedAt">When the last command was acknowledged (or the run ended).</param>
public sealed record RaftReport(SimulationResult Result, int Acknowledged, IReadOnlyDictionary<long, int> Leaders, long CommittedIndex, TimeSpan FinishedAt);
