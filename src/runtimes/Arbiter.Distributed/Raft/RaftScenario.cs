using System.Globalization;
using System.Text;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Raft;

/// <summary>
/// A Raft cluster on the simulator with a retrying client: servers 1..N replicate a <see cref="ListStateMachine"/>;
/// the pseudo-client keeps <see cref="RaftScenarioOptions.Concurrency"/> commands outstanding, follows NotLeader
/// hints, retries on failure and on a timeout. Checked after every event: <see cref="RaftSafetyChecker"/>. Checked
/// at the end (liveness, once faults stop): every command acknowledged; every server up, converged on one list
/// that holds every acknowledged command. With <see cref="RaftScenarioOptions.Membership"/> an administrator makes
/// membership changes too (dissertation chapter 4); "every server" then means every member of the final
/// configuration, and every change must be acknowledged.
/// </summary>
public static class RaftScenario
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);

    /// <summary>The Raft options used for a group of <paramref name="servers"/> (ticks of 10 ms: election 150–300 ms, heartbeat 30 ms).</summary>
    public static RaftOptions DefaultOptions(int servers) => new()
    {
        Voters = NodeIds.Range(servers),
        ElectionTicks = 15,
        HeartbeatTicks = 3,
    };

    /// <summary>Runs one simulation.</summary>
    public static RaftReport Run(RaftScenarioOptions scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int initialVoters = scenario.InitialVoters > 0 ? Math.Min(scenario.InitialVoters, scenario.Servers) : scenario.Servers;
        RaftOptions raft = scenario.Configure(DefaultOptions(initialVoters));
        var nodeOptions = new RaftNodeOptions { Raft = raft, SnapshotEvery = scenario.SnapshotEvery };

        // Servers added later join: no configuration until the leader sends one; their address book is everyone.
        var joinerOptions = nodeOptions with { Raft = raft with { Voters = NodeIds.Range(scenario.Servers), Join = true } };
        var checker = new RaftSafetyChecker();
        var client = new Client(scenario.Operations, scenario.Servers);
        var admin = new RaftAdministrator(scenario.Membership, scenario.Servers, raft.InitialConfiguration);
        TimeSpan healed = scenario.Faults.Faults.Count == 0 ? TimeSpan.Zero : scenario.Faults.Faults.Max(f => f.At);
        if (scenario.Membership.Count > 0)
        {
            healed = TimeSpan.FromTicks(Math.Max(healed.Ticks, scenario.Membership.Max(m => m.At).Ticks));
        }

        var invariants = new List<IInvariant<RaftMessage, RaftRecord>>(scenario.CheckSafety ? checker.Invariants() : []);
        if (scenario.CheckLiveness)
        {
            invariants.Add(Invariant.Create<RaftMessage, RaftRecord>("liveness", (_, _) => null, view => admin.Finish() ?? client.Finish(view)));
        }

        var options = new SimulationOptions<RaftMessage, RaftRecord>
        {
            Seed = scenario.Seed,
            Nodes = NodeIds.Range(scenario.Servers),
            NodeFactory = id => Wrap(id, new RaftNode(id <= initialVoters ? nodeOptions : joinerOptions, new ListStateMachine())),
            Network = scenario.Network,
            DiskLatency = scenario.DiskLatency,
            Faults = scenario.Faults,
            MaxClockSkew = scenario.MaxClockSkew,
            MaxClockDrift = scenario.MaxClockDrift,
            Invariants = invariants,
            RecordTrace = scenario.RecordTrace,
            OnClientOutput = (sim, node, message) =>
            {
                if (!admin.OnReply(sim, node, message))
                {
                    client.OnReply(sim, node, message);
                }
            },
            StopWhen = view => view.Now >= healed && client.Done && admin.Done && Converged(view),
            Until = healed + scenario.Patience,
        };
        var simulation = new Simulation<RaftMessage, RaftRecord>(options);
        INode<RaftMessage, RaftRecord> Wrap(int id, RaftNode node) => scenario.WrapServer?.Invoke(id, node) ?? node;
        for (int slot = 0; slot < Math.Min(scenario.Concurrency, scenario.Operations); slot++)
        {
            client.StartNext(simulation, TimeSpan.FromMilliseconds(1));
        }

        admin.Start(simulation);
        scenario.Setup?.Invoke(simulation);
        SimulationResult result = simulation.Run();
        return new RaftReport(result, client.Acknowledged.Count, checker.Leaders, checker.HighestApplied, client.FinishedAt ?? result.EndTime)
        {
            ChangesAcknowledged = admin.Acknowledged,
            Configuration = FinalConfiguration(simulation),
        };
    }

    /// <summary>The committed configuration of the up server that has committed the most (null: none up).</summary>
    public static RaftConfiguration? FinalConfiguration(ISimulationView<RaftMessage, RaftRecord> view)
    {
        ArgumentNullException.ThrowIfNull(view);
        RaftCore? best = null;
        foreach (int id in view.Members)
        {
            if (view.NodeOf(id) is RaftNode { Core: { } core } && (best is null || core.Log.Committed > best.Log.Committed))
            {
                best = core;
            }
        }

        return best?.Log.CommittedConfiguration;
    }

    /// <summary>True when every member of the final configuration (every server, without membership changes) is up
    /// and all have applied the same, latest commit: a leader has committed its whole log and everyone applied it.
    /// (Equal applied indexes alone are not enough: servers that restarted with an older commit index — it is
    /// volatile state, written only along with other records — agree with each other until a leader commits.)</summary>
    public static bool Converged(ISimulationView<RaftMessage, RaftRecord> view)
    {
        ArgumentNullException.ThrowIfNull(view);
        RaftConfiguration? config = FinalConfiguration(view);
        bool settledLeader = view.Members.Any(id => view.NodeOf(id) is RaftNode { Core: { Role: RaftRole.Leader } leader }
            && leader.Log.Committed == leader.Log.LastIndex && (config is null || config.IsVoter(id)));
        if (!settledLeader)
        {
            return false;
        }

        long applied = -1;
        foreach (int id in view.Members)
        {
            if (config is not null && !config.IsMember(id))
            {
                continue; // removed, or never added: it is not expected to keep up
            }

            if (view.NodeOf(id) is not RaftNode { Core: { } core } || core.Log.Applied != core.Log.Committed)
            {
                return false;
            }

            if (applied >= 0 && core.Log.Applied != applied)
            {
                return false;
            }

            applied = core.Log.Applied;
        }

        return true;
    }

    /// <summary>The pseudo-client: retries each command until acknowledged.</summary>
    private sealed class Client(int operations, int servers)
    {
        private readonly Dictionary<long, (int Op, int Attempt)> _tags = [];
        private readonly Dictionary<int, int> _attempts = [];
        private int _started;
        private long _nextTag;
        private int _target = 1;

        public HashSet<int> Acknowledged { get; } = [];

        public TimeSpan? FinishedAt { get; private set; }

        public bool Done => Acknowledged.Count == operations;

        public void StartNext(Simulation<RaftMessage, RaftRecord> sim, TimeSpan at)
        {
            if (_started < operations)
            {
                Send(sim, _started++, at, _target);
            }
        }

        private void Send(Simulation<RaftMessage, RaftRecord> sim, int op, TimeSpan at, int node)
        {
            int attempt = _attempts[op] = _attempts.GetValueOrDefault(op) + 1;
            long tag = ++_nextTag;
            _tags[tag] = (op, attempt);
            sim.Schedule(at, node, new RaftMessage.ClientPropose(tag, Encoding.UTF8.GetBytes(Value(op))));
            sim.At(at + Timeout, s =>
            {
                if (!Acknowledged.Contains(op) && _attempts[op] == attempt)
                {
                    _target = (node % servers) + 1; // silence: try the next server
                    Send(s, op, s.Now, _target);
                }
            });
        }

        public void OnReply(Simulation<RaftMessage, RaftRecord> sim, int node, RaftMessage message)
        {
            if (message is not RaftMessage.ClientReply reply || !_tags.Remove(reply.Tag, out var sent))
            {
                return;
            }

            if (reply.Status == RaftReplyStatus.Ok)
            {
                if (Acknowledged.Add(sent.Op))
                {
                    _target = node;
                    if (Done)
                    {
                        FinishedAt = sim.Now;
                    }

                    StartNext(sim, sim.Now);
                }

                return;
            }

            if (Acknowledged.Contains(sent.Op) || _attempts[sent.Op] != sent.Attempt)
            {
                return; // an answer to an attempt already superseded
            }

            _target = reply.Leader != 0 ? reply.Leader : (node % servers) + 1;
            Send(sim, sent.Op, sim.Now + Retry, _target);
        }

        public string? Finish(ISimulationView<RaftMessage, RaftRecord> view)
        {
            if (!Done)
            {
                return string.Create(CultureInfo.InvariantCulture, $"only {Acknowledged.Count} of {operations} commands acknowledged by the end");
            }

            if (!Converged(view))
            {
                return "the servers did not converge on one applied state";
            }

            RaftConfiguration config = FinalConfiguration(view)!;
            var members = view.Members.Where(config.IsMember).ToList();
            var first = ((ListStateMachine)((RaftNode)view.NodeOf(members[0])!).StateMachine).Items;
            var list = first.Select(b => Encoding.UTF8.GetString(b)).ToHashSet(StringComparer.Ordinal);
            foreach (int id in members)
            {
                var other = ((ListStateMachine)((RaftNode)view.NodeOf(id)!).StateMachine).Items;
                if (other.Count != first.Count)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"server {id} holds a different list");
                }
            }

            int missing = Acknowledged.Count(op => !list.Contains(Value(op)));
            return missing == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{missing} acknowledged commands are missing from the replicated list");
        }

        private static string Value(int op) => string.Create(CultureInfo.InvariantCulture, $"c{op}");
    }
}
