using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Raft;

/// <summary>What a <see cref="RaftScenario"/> run did.</summary>
/// <param name="Result">The simulation's result (violations, counters).</param>
/// <param name="Acknowledged">Commands the client saw acknowledged.</param>
/// <param name="Leaders">Leaders elected, by term.</param>
/// <param name="CommittedIndex">The highest index applied anywhere.</param>
/// <param name="FinishedAt">When the last command was acknowledged (or the run ended).</param>
public sealed record RaftReport(SimulationResult Result, int Acknowledged, IReadOnlyDictionary<long, int> Leaders, long CommittedIndex, TimeSpan FinishedAt)
{
    /// <summary>Membership changes acknowledged (<see cref="RaftScenarioOptions.Membership"/>).</summary>
    public int ChangesAcknowledged { get; init; }

    /// <summary>The committed configuration of the most advanced server at the end (null if none was up).</summary>
    public RaftConfiguration? Configuration { get; init; }
}
