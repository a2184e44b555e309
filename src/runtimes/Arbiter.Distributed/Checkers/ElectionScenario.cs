using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Election;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>
/// An election run on the simulator: the group elects a leader, the leader (or any node) crashes at
/// <see cref="CrashAt"/>, the detectors notice and elect anew. Checked: at most one leader per term, always; at the
/// end (faults healed), every running node follows the same running leader.
/// </summary>
public static class ElectionScenario
{
    /// <summary>The algorithms, by their command-line names.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = ["bully", "ring"];

    /// <summary>When the crash happens (the first leader is elected well before).</summary>
    public static TimeSpan CrashAt { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs one simulation.</summary>
    /// <param name="algorithm">bully or ring.</param>
    /// <param name="nodes">Group size.</param>
    /// <param name="crash">The node that crashes at <see cref="CrashAt"/> (null: none).</param>
    /// <param name="concurrent">How many nodes detect the failure at once (the lowest live ids); 1 by default.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="faults">Further faults.</param>
    /// <param name="recordTrace">Record the trace (for <c>--svg</c>).</param>
    public static ElectionReport Run(string algorithm, int nodes, int? crash, int concurrent, int seed, ScenarioFaults faults, bool recordTrace = false)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var detectors = new HashSet<int>(Enumerable.Range(1, nodes).Where(i => i != crash).Take(Math.Max(1, concurrent)));
        var timing = ElectionOptions.For(TimeSpan.FromMilliseconds(10)) with { Detectors = detectors };
        var schedule = crash is int c
            ? new FaultSchedule([.. faults.Schedule.Faults, new Fault(CrashAt, FaultKind.Crash, c)])
            : faults.Schedule;
        var scenarioFaults = faults with { Schedule = schedule };
        return algorithm switch
        {
            "bully" => Run<BullyMessage>(nodes, seed, scenarioFaults, recordTrace, _ => new BullyNode(timing), m => m is BullyMessage.Heartbeat, _ => false),
            "ring" => Run<RingElectionMessage>(nodes, seed, scenarioFaults, recordTrace, _ => new RingElectionNode(timing), m => m is RingElectionMessage.Heartbeat, m => m is RingElectionMessage.HopAck),
            _ => throw new ArgumentException($"unknown algorithm '{algorithm}'", nameof(algorithm)),
        };
    }

    private static ElectionReport Run<TMessage>(int nodes, int seed, ScenarioFaults faults, bool recordTrace,
        Func<int, INode<TMessage, ElectionVote>> factory, Func<object?, bool> heartbeat, Func<object?, bool> ack)
    {
        var checker = new ElectionChecker();
        long messages = 0, acks = 0;
        int elections = 0;
        TimeSpan? electedAt = null;
        int? leader = null;
        TimeSpan lastFault = faults.Schedule.Faults.Count == 0 ? TimeSpan.Zero : faults.Schedule.Faults.Max(f => f.At);
        var invariant = new CheckerInvariant<TMessage, ElectionVote>(
            "one-leader-per-term",
            e =>
            {
                if (e.Kind == TraceKind.Observe)
                {
                    checker.Observe(e.Time, e.Payload!);
                    if (e.Time >= CrashAt)
                    {
                        elections += e.Payload is ElectionStarted ? 1 : 0;
                        electedAt ??= e.Payload is LeaderElected ? e.Time : null;
                    }
                }
                else if (e.Kind == TraceKind.Send && e.Time >= CrashAt && !heartbeat(e.Payload))
                {
                    if (ack(e.Payload))
                    {
                        acks++;
                    }
                    else
                    {
                        messages++;
                    }
                }
            },
            () => checker.Violations,
            view =>
            {
                var up = view.Members.Where(view.IsUp).Select(m => (m, (IElectionNode)view.NodeOf(m)!));
                leader = checker.CheckAgreement(up); // termination and agreement: the faults healed long before the end
            });
        var options = new SimulationOptions<TMessage, ElectionVote>
        {
            Seed = seed,
            Nodes = NodeIds.Range(nodes),
            NodeFactory = factory,
            Network = faults.Network,
            Faults = faults.Schedule,
            Invariants = [invariant],
            RecordTrace = recordTrace,
            Until = (lastFault > CrashAt ? lastFault : CrashAt) + TimeSpan.FromSeconds(3),
        };
        var result = new Simulation<TMessage, ElectionVote>(options).Run();
        return new ElectionReport(result, leader, messages, acks, electedAt, elections, checker.Leaders);
    }
}
