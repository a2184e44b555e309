using Arbiter.Core.Distributed.Consensus;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>
/// A single-decree Paxos run on the simulator: P competing proposers (ids 1..P, values v1..vP, each also a learner)
/// and A acceptors (ids P+1..P+A). Checked: agreement and validity at every event; at the end, once the faults
/// healed, every running proposer has learned the value (termination).
/// </summary>
public static class PaxosScenario
{
    /// <summary>Runs one simulation.</summary>
    public static PaxosReport Run(int proposers, int acceptors, int seed, ScenarioFaults faults, bool recordTrace = false)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var roles = PaxosRoles.Split(proposers, acceptors, TimeSpan.FromMilliseconds(50));
        var checker = new ConsensusChecker();
        TimeSpan healed = faults.Schedule.Faults.Count == 0 ? TimeSpan.Zero : faults.Schedule.Faults.Max(f => f.At);
        var invariant = new CheckerInvariant<PaxosMessage, PaxosRecord>(
            "agreement-validity",
            e =>
            {
                if (e.Kind == TraceKind.Observe)
                {
                    checker.Observe(e.Time, e.Payload!);
                }
            },
            () => checker.Violations,
            view => checker.CheckAllLearned(roles.Proposers.Where(view.IsUp).Select(p => (p, ((PaxosNode)view.NodeOf(p)!).Decided))));
        var options = new SimulationOptions<PaxosMessage, PaxosRecord>
        {
            Seed = seed,
            Nodes = NodeIds.Range(proposers + acceptors),
            NodeFactory = id => new PaxosNode(roles, id <= proposers ? $"v{id}" : null),
            Network = faults.Network,
            Faults = faults.Schedule,
            Invariants = [invariant],
            RecordTrace = recordTrace,
            StopWhen = view => view.Now >= healed && roles.Proposers.All(p => view.IsUp(p) && ((PaxosNode)view.NodeOf(p)!).Decided is not null),
            Until = healed + TimeSpan.FromSeconds(30),
        };
        var result = new Simulation<PaxosMessage, PaxosRecord>(options).Run();
        return new PaxosReport(result, checker.Chosen, checker.ChosenAt, checker.Decisions, result.Counters.Sent, (3L + proposers) * acceptors);
    }
}
