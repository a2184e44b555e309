using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.ClockSync;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>
/// A clock-synchronisation run on the simulator: every node's clock starts up to ±<c>skew</c> off and drifts by up
/// to ±<c>drift</c>; node 1 (Cristian's and NTP's server) keeps perfect time; replies to the server are slower by
/// <c>asymmetry</c>. Nodes resynchronise every second for ten seconds. Checked at each correction: the corrected
/// clock is within the algorithm's own error bound of true time. Reported: each node's residual skew at the end.
/// </summary>
public static class ClockSyncScenario
{
    /// <summary>The algorithms, by their command-line names.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = ["cristian", "berkeley", "ntp"];

    /// <summary>How long a run lasts.</summary>
    public static TimeSpan Duration { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs one simulation.</summary>
    /// <param name="algorithm">cristian, berkeley or ntp.</param>
    /// <param name="nodes">Group size (node 1 serves or masters).</param>
    /// <param name="drift">Largest drift rate, e.g. 1e-4 for 100 ppm.</param>
    /// <param name="skew">Largest initial clock offset.</param>
    /// <param name="asymmetry">Extra delay on every link towards node 1.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="faults">Faults.</param>
    /// <param name="recordTrace">Record the trace (for <c>--svg</c>).</param>
    public static ClockSyncReport Run(string algorithm, int nodes, double drift, TimeSpan skew, TimeSpan asymmetry, int seed, ScenarioFaults faults, bool recordTrace = false)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var options = new ClockSyncOptions(TimeSpan.FromSeconds(1));
        Func<int, INode<ClockSyncMessage, NoRecord>> factory = algorithm switch
        {
            "cristian" => _ => new CristianNode(options),
            "ntp" => _ => new NtpNode(options),
            "berkeley" => _ => new BerkeleyNode(options),
            _ => throw new ArgumentException($"unknown algorithm '{algorithm}'", nameof(algorithm)),
        };
        var random = new Random(seed);
        var clocks = new Dictionary<int, NodeClock>();
        foreach (int id in NodeIds.Range(nodes))
        {
            bool reference = id == 1 && algorithm != "berkeley";
            clocks[id] = reference ? NodeClock.Perfect : new NodeClock(
                TimeSpan.FromTicks((long)(skew.Ticks * (2 * random.NextDouble() - 1))), drift * (2 * random.NextDouble() - 1));
        }

        var links = new Dictionary<(int From, int To), LatencyDistribution>();
        var latency = faults.Network.Latency;
        for (int id = 2; id <= nodes && asymmetry > TimeSpan.Zero; id++)
        {
            links[(id, 1)] = LatencyDistribution.Uniform(latency.Min + asymmetry, latency.Min + asymmetry + TimeSpan.FromMilliseconds(9));
        }

        // Slack for the drift since NTP's filtered sample (up to FilterSize periods old) and during a round trip.
        var checker = new ClockSyncChecker(TimeSpan.FromTicks((long)(drift * 2 * options.FilterSize * options.Period.Ticks)) + TimeSpan.FromMilliseconds(0.01));
        var invariant = new CheckerInvariant<ClockSyncMessage, NoRecord>(
            "clock-error-bound",
            _ => { },
            () => checker.Violations);
        var simOptions = new SimulationOptions<ClockSyncMessage, NoRecord>
        {
            Seed = seed,
            Nodes = NodeIds.Range(nodes),
            NodeFactory = factory,
            Network = faults.Network with { LinkLatency = links },
            Clocks = clocks,
            Faults = faults.Schedule,
            Invariants = [new ObservationFeed(checker), invariant],
            RecordTrace = recordTrace,
            Until = Duration,
        };
        var sim = new Simulation<ClockSyncMessage, NoRecord>(simOptions);
        var result = sim.Run();
        var reports = NodeIds.Range(nodes).Select(id => new ClockSyncNodeReport(
            id,
            clocks[id].Offset,
            clocks[id].Drift,
            sim.LocalNow(id) - sim.Now,
            sim.NodeOf(id) is ISynchronizedClock c ? sim.LocalNow(id) + c.Offset - sim.Now : null)).ToList();
        var residuals = reports.Where(r => r.Residual is not null).Select(r => r.Residual!.Value).ToList();
        TimeSpan spread = residuals.Count == 0 ? TimeSpan.Zero : residuals.Max() - residuals.Min();
        return new ClockSyncReport(result, reports, checker.WorstError, spread, result.Counters.Sent);
    }

    /// <summary>Feeds observations with their local time (the checker needs both clocks).</summary>
    private sealed class ObservationFeed(ClockSyncChecker checker) : IInvariant<ClockSyncMessage, NoRecord>
    {
        private int seen;

        public string Name => "clock-feed";

        public string? Check(ISimulationView<ClockSyncMessage, NoRecord> view, TraceEvent latest)
        {
            var observations = view.Observations;
            for (; seen < observations.Count; seen++)
            {
                checker.Observe(observations[seen].Time, observations[seen].LocalTime, observations[seen].Value);
            }

            return null;
        }

        public string? Finish(ISimulationView<ClockSyncMessage, NoRecord> view) => Check(view, null!);
    }
}
