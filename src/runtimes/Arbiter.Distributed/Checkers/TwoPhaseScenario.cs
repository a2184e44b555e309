using Arbiter.Core.Distributed.Commit;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>
/// A two-phase commit run on the simulator: node 1 coordinates N participants (ids 2..N+1) over 5 ms links; the
/// transaction begins at 10 ms. A crash point puts the coordinator or participant 2 down at a protocol step for
/// one second. Checked: atomicity at every event; at the end, everyone learned the outcome.
/// </summary>
public static class TwoPhaseScenario
{
    /// <summary>The crash points, by their command-line names.</summary>
    public static IReadOnlyList<string> CrashPoints { get; } = ["coordinator@prepare", "coordinator@decision", "participant@prepare", "participant@decision"];

    /// <summary>How long a crashed node stays down.</summary>
    public static TimeSpan Downtime { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs one simulation.</summary>
    /// <param name="participants">How many participants.</param>
    /// <param name="crash">A crash point of <see cref="CrashPoints"/>, or null.</param>
    /// <param name="voteNo">Participants that vote no.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="faults">Further faults (random sweeps); with them the network is the default 1–10 ms.</param>
    /// <param name="recordTrace">Record the trace (for <c>--svg</c>).</param>
    public static TwoPhaseReport Run(int participants, string? crash, IReadOnlySet<int> voteNo, int seed, ScenarioFaults faults, bool recordTrace = false)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var options = new TwoPhaseOptions(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)) { VoteNo = voteNo };
        // Prepares leave at 10 ms and arrive at 15; votes arrive at 20, when the coordinator decides; the decision
        // arrives at 25. "at prepare" is 12 ms (prepares out, no vote back); "at decision" is 21 ms (decided and sent).
        (TimeSpan At, int Node)? point = crash switch
        {
            null => null,
            "coordinator@prepare" => (TimeSpan.FromMilliseconds(12), 1),
            "coordinator@decision" => (TimeSpan.FromMilliseconds(21), 1),
            "participant@prepare" => (TimeSpan.FromMilliseconds(12), 2),
            "participant@decision" => (TimeSpan.FromMilliseconds(21), 2),
            _ => throw new ArgumentException($"unknown crash point '{crash}'", nameof(crash)),
        };
        var schedule = faults.Schedule.Faults.ToList();
        if (point is { } p)
        {
            schedule.Add(new Fault(p.At, FaultKind.Crash, p.Node));
            schedule.Add(new Fault(p.At + Downtime, FaultKind.Restart, p.Node));
        }

        var network = faults.Healthy && faults.Schedule.Faults.Count == 0
            ? NetworkOptions.Reliable with { Latency = LatencyDistribution.Constant(TimeSpan.FromMilliseconds(5)) }
            : faults.Network;
        var checker = new AtomicityChecker();
        var votedAt = new Dictionary<int, TimeSpan>();
        TimeSpan longest = TimeSpan.Zero;
        var invariant = new CheckerInvariant<TwoPhaseMessage, TwoPhaseRecord>(
            "atomicity",
            e =>
            {
                if (e.Kind != TraceKind.Observe)
                {
                    return;
                }

                checker.Observe(e.Time, e.Payload!);
                if (e.Payload is VoteCast { Yes: true } v)
                {
                    votedAt[v.Node] = e.Time;
                }
                else if (e.Payload is TransactionDecided d && votedAt.Remove(d.Node, out var since) && e.Time - since > longest)
                {
                    longest = e.Time - since;
                }
            },
            () => checker.Violations,
            view => checker.CheckAllDecided(view.Members));
        TimeSpan lastFault = schedule.Count == 0 ? TimeSpan.Zero : schedule.Max(f => f.At);
        var sim = new SimulationOptions<TwoPhaseMessage, TwoPhaseRecord>
        {
            Seed = seed,
            Nodes = NodeIds.Range(participants + 1),
            NodeFactory = _ => new TwoPhaseCommitNode(options),
            Network = network,
            Faults = new FaultSchedule(schedule),
            Invariants = [invariant],
            RecordTrace = recordTrace,
            Until = lastFault + TimeSpan.FromSeconds(3),
        };
        var run = new Simulation<TwoPhaseMessage, TwoPhaseRecord>(sim);
        var result = run.Run();
        var log = run.Persisted(1).Select(r => r.Kind == TwoPhaseLogKind.Decision ? $"decision {(r.Commit ? "commit" : "abort")}" : r.Kind.ToString().ToLowerInvariant()).ToList();
        return new TwoPhaseReport(result, checker.Outcome, [.. checker.Blocked], longest, result.Counters.Sent, log);
    }
}
