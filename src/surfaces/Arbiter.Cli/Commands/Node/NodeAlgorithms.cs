using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Commit;
using Arbiter.Core.Distributed.Consensus;
using Arbiter.Core.Distributed.Election;
using Arbiter.Core.Distributed.MutualExclusion;
using Arbiter.Distributed.Samples;

namespace Arbiter.Cli.Commands.Node;

/// <summary>
/// The algorithms <c>arbiter node run</c> can host: one entry each. The defaults are the simulator scenarios'
/// (Checkers/*Scenario.cs), so a group started with the same <c>--param</c> values runs the same workload.
/// </summary>
internal static class NodeAlgorithms
{
    public static IReadOnlyList<NodeAlgorithm> All { get; } =
    [
        NodeAlgorithm.Create<PingMessage, NoRecord>("ping", "every node pings every peer --param rounds=N times (the runtime's self-test)",
            (_, _, p) => new PingPongNode(NodeAlgorithm.IntParameter(p, "rounds", 10, 1, 1_000_000))),
        NodeAlgorithm.Create<RicartAgrawalaMessage, ClockReservation>("mutex-ra", "Ricart–Agrawala mutual exclusion; params requests (in all, spread over the group), think-ms, hold-ms, retry-ms",
            (id, members, p) => new RicartAgrawalaNode(Workload(id, members, p, firstClient: members[0]), Retry(members, p))),
        NodeAlgorithm.Create<CentralMessage, CentralRecord>("mutex-central", "central-coordinator mutual exclusion (the lowest id coordinates); params as mutex-ra",
            (id, members, p) => new CentralMutexNode(Workload(id, members, p, firstClient: members.Count > 1 ? members[1] : members[0]), Retry(members, p))),
        NodeAlgorithm.Create<TokenRingMessage, TokenRingRecord>("token-ring", "token-ring mutual exclusion; params requests, think-ms, hold-ms, lost-after-ms, retry-ms",
            (id, members, p) => new TokenRingNode(Workload(id, members, p, firstClient: members[0]), new TokenRingOptions(
                Ms(p, "lost-after-ms", (int)Arbiter.Distributed.Checkers.MutexScenario.RingOptions(members.Count).LostAfter.TotalMilliseconds),
                Ms(p, "retry-ms", (int)Arbiter.Distributed.Checkers.MutexScenario.RingOptions(members.Count).Retry.TotalMilliseconds)))),
        NodeAlgorithm.Create<BullyMessage, ElectionVote>("bully", "Bully election confirmed by a majority; params latency-ms (timeouts scale with it, default 10), detectors (ids, default all)",
            (_, _, p) => new BullyNode(Election(p)), FinalState),
        NodeAlgorithm.Create<RingElectionMessage, ElectionVote>("ring", "Chang–Roberts ring election confirmed by a majority; params as bully",
            (_, _, p) => new RingElectionNode(Election(p)), FinalState),
        NodeAlgorithm.Create<PaxosMessage, PaxosRecord>("paxos", "single-decree Paxos: the lowest `proposers` ids propose v<id>, the rest accept; params proposers (default 1), retry-ms (default 50)",
            (id, members, p) =>
            {
                int proposers = NodeAlgorithm.IntParameter(p, "proposers", 1, 1, Math.Max(1, members.Count - 1));
                var roles = new PaxosRoles([.. members.Take(proposers)], [.. members.Skip(proposers)], Ms(p, "retry-ms", 50));
                return new PaxosNode(roles, members.TakeWhile(m => m != id).Count() < proposers ? $"v{id}" : null);
            }),
        NodeAlgorithm.Create<TwoPhaseMessage, TwoPhaseRecord>("2pc", "two-phase commit, the lowest id coordinates; params begin-ms (10), timeout-ms (100), vote-no (ids that vote no)",
            (_, members, p) => new TwoPhaseCommitNode(new TwoPhaseOptions(Ms(p, "begin-ms", 10), Ms(p, "timeout-ms", 100)) { VoteNo = Ids(p, "vote-no", members) ?? new HashSet<int>() })),
    ];

    public static NodeAlgorithm? Find(string name) => All.FirstOrDefault(a => a.Name == name);

    /// <summary>An election node's state when it stops (its leader may have changed on a heartbeat, unobserved).</summary>
    private static ElectionFinalState? FinalState(int id, object node) =>
        node is IElectionNode e ? new ElectionFinalState(id, e.Term, e.Leader, e.IsLeader) : null;

    /// <summary>This node's share of <c>requests</c> (in all), split as the simulator's scenario splits it.</summary>
    private static MutexWorkload Workload(int id, IReadOnlyList<int> members, IReadOnlyDictionary<string, string> p, int firstClient)
    {
        int total = NodeAlgorithm.IntParameter(p, "requests", 20, 0, 100_000);
        var clients = members.SkipWhile(m => m != firstClient).ToList();
        int[] share = MutexWorkload.Split(total, Math.Max(1, clients.Count));
        int index = clients.IndexOf(id);
        var defaults = Arbiter.Distributed.Checkers.MutexScenario.Workload(0);
        return new MutexWorkload(index >= 0 ? share[index] : 0,
            Ms(p, "think-ms", (int)defaults.Think.TotalMilliseconds), Ms(p, "hold-ms", (int)defaults.Hold.TotalMilliseconds));
    }

    private static TimeSpan Retry(IReadOnlyList<int> members, IReadOnlyDictionary<string, string> p) =>
        Ms(p, "retry-ms", (int)Arbiter.Distributed.Checkers.MutexScenario.Retry(members.Count).TotalMilliseconds);

    private static ElectionOptions Election(IReadOnlyDictionary<string, string> p) =>
        ElectionOptions.For(Ms(p, "latency-ms", 10)) with { Detectors = Ids(p, "detectors", null) };

    private static TimeSpan Ms(IReadOnlyDictionary<string, string> p, string name, int defaultValue) =>
        TimeSpan.FromMilliseconds(NodeAlgorithm.IntParameter(p, name, defaultValue, 0, 3_600_000));

    /// <summary>A comma-separated list of node ids (<c>vote-no=2,3</c>); null when absent.</summary>
    private static HashSet<int>? Ids(IReadOnlyDictionary<string, string> p, string name, IReadOnlyList<int>? members)
    {
        if (!p.TryGetValue(name, out string? text))
        {
            return null;
        }

        var ids = new HashSet<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id) || id < 1
                || (members is not null && !members.Contains(id)))
            {
                throw new App.InputException($"--param {name}: '{part}' is not the id of a member");
            }

            ids.Add(id);
        }

        return ids;
    }
}
