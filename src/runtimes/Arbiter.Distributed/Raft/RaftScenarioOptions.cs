using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Raft;

/// <summary>A Raft run on the simulator: the cluster, its workload and what goes wrong.</summary>
public sealed record RaftScenarioOptions
{
    /// <summary>Servers (ids 1..N).</summary>
    public int Servers { get; init; } = 3;

    /// <summary>The run's seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Commands the pseudo-client gets committed (each retried until acknowledged).</summary>
    public int Operations { get; init; } = 50;

    /// <summary>Commands outstanding at once (the pipelining the client offers).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Faults; the client keeps going through them.</summary>
    public FaultSchedule Faults { get; init; } = FaultSchedule.None;

    /// <summary>The network.</summary>
    public NetworkOptions Network { get; init; } = NetworkOptions.Reliable;

    /// <summary>How long a server's write takes to be durable (<see cref="SimulationOptions{TMessage, TRecord}.DiskLatency"/>;
    /// zero: durable as each call returns). With <see cref="RaftOptions.LeaderWritesInParallel"/> this opens the
    /// window in which a leader's appends are out and its own copy is not yet on disk.</summary>
    public TimeSpan DiskLatency { get; init; }

    /// <summary>Each server's clock offset is drawn within ±this.</summary>
    public TimeSpan MaxClockSkew { get; init; }

    /// <summary>Each server's clock rate is off by up to ±this.</summary>
    public double MaxClockDrift { get; init; }

    /// <summary>Changes the group's Raft options (features, limits) from the default.</summary>
    public Func<RaftOptions, RaftOptions> Configure { get; init; } = o => o;

    /// <summary>Snapshot every this many applied entries (0: never).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>Record the trace (off for sweeps and benchmarks).</summary>
    public bool RecordTrace { get; init; }

    /// <summary>Give up this long after the last fault (a liveness failure then).</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Check the safety invariants after every event (off only for benchmarks).</summary>
    public bool CheckSafety { get; init; } = true;

    /// <summary>Check liveness at the end (every command acknowledged, every server converged).</summary>
    public bool CheckLiveness { get; init; } = true;

    /// <summary>Servers 1..this form the initial configuration (0: all <see cref="Servers"/>); the others start as
    /// joiners (<see cref="RaftOptions.Join"/>) and take part only once a membership change adds them.</summary>
    public int InitialVoters { get; init; }

    /// <summary>Membership changes, made one after another by a retrying administrator client (dissertation §4.1).
    /// Liveness then also requires every change acknowledged, and convergence is checked on the final members.</summary>
    public IReadOnlyList<RaftMembershipStep> Membership { get; init; } = [];

    /// <summary>A driver hook: wraps each server as it is made (server id, node) — to inject a faulty server, e.g. one
    /// that acknowledges before its disk does, and see the checkers catch it. Null: the servers as they are.</summary>
    public Func<int, INode<RaftMessage, RaftRecord>, INode<RaftMessage, RaftRecord>>? WrapServer { get; init; }

    /// <summary>A driver hook: called with the simulation before it runs (schedule extra actions).</summary>
    public Action<Simulation<RaftMessage, RaftRecord>>? Setup { get; init; }
}
