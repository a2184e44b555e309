using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Store.Replication.Sim;

/// <summary>One run of the replicated store on the simulator: the cluster, its clients and what goes wrong.</summary>
public sealed record SimRaftOptions
{
    /// <summary>Raft servers, ids 1..N (the voters).</summary>
    public int Servers { get; init; } = 5;

    /// <summary>Clients, ids N+1..N+C.</summary>
    public int Clients { get; init; } = 3;

    /// <summary>The run's seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Operations in all, shared out among the clients (the first clients take the remainder).</summary>
    public int Operations { get; init; } = 200;

    /// <summary>Keys the workload touches.</summary>
    public int Keys { get; init; } = 3;

    /// <summary>How strong the clients' gets are.</summary>
    public RaftReadMode ReadMode { get; init; } = RaftReadMode.Linearizable;

    /// <summary>
    /// Faults. Crashes, restarts and corruptions name servers; a partition that names no client gets the clients
    /// dealt round-robin over its sides (<see cref="SimRaftFaults.WithClients"/>).
    /// </summary>
    public FaultSchedule Faults { get; init; } = FaultSchedule.None;

    /// <summary>The network (a duplicating one needs <see cref="Sessions"/>: see <see cref="SimStoreClient"/>).</summary>
    public NetworkOptions Network { get; init; } = NetworkOptions.Reliable;

    /// <summary>How long a server's write takes to be durable (zero: durable as each call returns; see
    /// <c>SimulationOptions.DiskLatency</c>).</summary>
    public TimeSpan DiskLatency { get; init; }

    /// <summary>Leaders write to their disk in parallel with replication (<see cref="RaftOptions.LeaderWritesInParallel"/>,
    /// as <c>arbiter store serve</c> does).</summary>
    public bool LeaderWritesInParallel { get; init; }

    /// <summary>Clients tag writes for at-most-once application (Raft's client sessions, dissertation §6.3).</summary>
    public bool Sessions { get; init; } = true;

    /// <summary>Each server's clock offset is drawn within ±this (clients keep a perfect clock: the history's clock).</summary>
    public TimeSpan MaxClockSkew { get; init; }

    /// <summary>Snapshot every this many applied entries (0: never); small values exercise InstallSnapshot.</summary>
    public int SnapshotEvery { get; init; } = 64;

    /// <summary>Record the trace (for pictures; off in sweeps).</summary>
    public bool RecordTrace { get; init; }

    /// <summary>Give up this long after the last fault if the clients have not finished and the servers converged.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clients' workload settings besides servers, operations, keys and read mode (timeouts, think time).</summary>
    public Func<SimStoreClientOptions, SimStoreClientOptions> ConfigureClients { get; init; } = o => o;
}
