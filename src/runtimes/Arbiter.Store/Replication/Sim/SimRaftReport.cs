using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Store.Replication.Sim;

/// <summary>What a run of the replicated store on the simulator did and what the checkers said.</summary>
/// <param name="Options">The run's options.</param>
/// <param name="Result">The simulation (Raft safety violations, counters, trace).</param>
/// <param name="History">Every client operation, in order of call (ties by client), each numbered with its line in the history file.</param>
/// <param name="Check">The linearizability verdict, key by key.</param>
/// <param name="Leaders">The leader of each term that had one.</param>
/// <param name="Converged">True when, at the end, every server was up and all had applied the same commit.</param>
/// <param name="ReplicasEqual">True when every server's store snapshot was byte-for-byte the same at the end.</param>
public sealed record SimRaftReport(
    SimRaftOptions Options,
    SimulationResult Result,
    IReadOnlyList<HistoryOperation> History,
    LinearizabilityResult Check,
    IReadOnlyDictionary<long, int> Leaders,
    bool Converged,
    bool ReplicasEqual)
{
    /// <summary>Operations with each status.</summary>
    public int Count(OperationStatus status) => History.Count(o => o.Status == status);

    /// <summary>Raft invariant violations plus non-linearizable keys: 0 is the expected answer.</summary>
    public int Violations => Result.Violations.Count + Check.Keys.Count(k => k.Verdict == LinearizabilityVerdict.NotLinearizable);
}
