using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Store.Replication.Sim;

/// <summary>
/// The replicated store on the deterministic simulator: servers 1..N run <see cref="RaftNode"/> over a
/// <see cref="StoreReplica"/> each, clients N+1..N+C are <see cref="SimStoreClient"/> nodes. Checked during the run:
/// Raft's safety invariants (<see cref="RaftSafetyChecker"/>) after every event. Checked after it: the clients'
/// history for linearizability (<see cref="LinearizabilityChecker"/>, Wing–Gong per key), and convergence (every
/// server up, the same commit applied, byte-equal store snapshots).
/// </summary>
/// <remarks>
/// Source: Jepsen's method (Kingsbury) on FoundationDB-style deterministic simulation. The run stops once the faults
/// are over, every client has finished and the servers have converged, or <see cref="SimRaftOptions.Patience"/>
/// after the last fault. Operations still in flight then are recorded as unknown. Cost: the simulation (events ×
/// invariant checks, O(1) amortised each) plus the check (exponential in the worst case, small with few clients).
/// </remarks>
public static class SimRaft
{
    /// <summary>The node ids of the clients of a run.</summary>
    public static IReadOnlyList<int> ClientIds(int servers, int clients) => [.. Enumerable.Range(servers + 1, clients)];

    /// <summary>Runs the store once and checks it.</summary>
    public static SimRaftReport Run(SimRaftOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Servers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Clients, 1);
        var servers = NodeIds.Range(options.Servers);
        var clients = ClientIds(options.Servers, options.Clients);
        RaftOptions raft = RaftScenario.DefaultOptions(options.Servers) with { LeaderWritesInParallel = options.LeaderWritesInParallel };
        var nodeOptions = new RaftNodeOptions { Raft = raft, SnapshotEvery = options.SnapshotEvery };
        var checker = new RaftSafetyChecker();
        TimeSpan healed = options.Faults.Faults.Count == 0 ? TimeSpan.Zero : options.Faults.Faults.Max(f => f.At);
        var simulation = new Simulation<RaftMessage, RaftRecord>(new SimulationOptions<RaftMessage, RaftRecord>
        {
            Seed = options.Seed,
            Nodes = [.. servers, .. clients],
            NodeFactory = id => id <= options.Servers
                ? new RaftNode(nodeOptions, new StoreReplica())
                : new SimStoreClient(options.ConfigureClients(new SimStoreClientOptions
                {
                    Servers = servers,
                    Operations = Share(options.Operations, options.Clients, id - options.Servers - 1),
                    Keys = options.Keys,
                    ReadMode = options.ReadMode,
                    Sessions = options.Sessions,
                })),
            // Clients keep true time: their clocks are the history's one clock.
            Clocks = clients.ToDictionary(c => c, _ => NodeClock.Perfect),
            MaxClockSkew = options.MaxClockSkew,
            Network = options.Network,
            DiskLatency = options.DiskLatency,
            Faults = options.Faults,
            Invariants = checker.Invariants(),
            RecordTrace = options.RecordTrace,
            StopWhen = view => view.Now >= healed && clients.All(c => view.NodeOf(c) is SimStoreClient { Done: true }) && Converged(view, servers),
            Until = healed + options.Patience,
        });
        SimulationResult result = simulation.Run();

        var history = result.Observed<HistoryOperation>().Select(o => o.Value).ToList();
        history.AddRange(clients.Select(c => simulation.NodeOf(c)).OfType<SimStoreClient>().Select(c => c.Pending).OfType<HistoryOperation>());
        history.Sort((a, b) => a.Call != b.Call ? a.Call.CompareTo(b.Call) : a.Client.CompareTo(b.Client));
        // Number the operations as the lines of the history file (HistoryWriter writes one per line, in this order).
        history = [.. history.Select((o, i) => o with { Line = i + 1 })];
        bool converged = Converged(simulation, servers);
        var snapshots = converged ? servers.Select(s => ((StoreReplica)((RaftNode)simulation.NodeOf(s)!).StateMachine).Snapshot()).ToList() : [];
        bool equal = converged && snapshots.All(s => s.AsSpan().SequenceEqual(snapshots[0]));
        return new SimRaftReport(options, result, history, LinearizabilityChecker.Check(history), checker.Leaders, converged, equal);
    }

    /// <summary>True when every server is up and all have applied the same, latest commit.</summary>
    public static bool Converged(ISimulationView<RaftMessage, RaftRecord> view, IReadOnlyList<int> servers)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(servers);
        long applied = -1;
        foreach (int id in servers)
        {
            if (view.NodeOf(id) is not RaftNode { Core: { } core } || core.Log.Applied != core.Log.Committed || (applied >= 0 && core.Log.Applied != applied))
            {
                return false;
            }

            applied = core.Log.Applied;
        }

        return true;
    }

    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);
}
