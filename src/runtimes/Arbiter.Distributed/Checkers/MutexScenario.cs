using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.MutualExclusion;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>
/// A mutual-exclusion run on the simulator: N nodes share K requests, the checker watches the global view (never two
/// in the critical section; on a healthy run, every request served), and the report compares messages per entry
/// with the theory.
/// </summary>
public static class MutexScenario
{
    /// <summary>The algorithms, by their command-line names.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = ["central", "ricart-agrawala", "token-ring"];

    /// <summary>Runs one simulation.</summary>
    /// <param name="algorithm">One of <see cref="Algorithms"/>.</param>
    /// <param name="nodes">Group size (the central coordinator is one of them and makes no requests).</param>
    /// <param name="requests">Entries in total, spread evenly over the requesting nodes.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="faults">The faults (<see cref="ScenarioFaults.None"/> for a healthy run).</param>
    /// <param name="recordTrace">Record the trace (for <c>--svg</c>); off for sweeps.</param>
    public static MutexReport Run(string algorithm, int nodes, int requests, int seed, ScenarioFaults faults, bool recordTrace = false)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return algorithm switch
        {
            "central" => Run<CentralMessage, CentralRecord>(nodes, requests, seed, faults, recordTrace, w => _ => new CentralMutexNode(w, Retry(nodes)), clients: nodes - 1, firstClient: 2, theory: 3, quiesces: true),
            "ricart-agrawala" => Run<RicartAgrawalaMessage, ClockReservation>(nodes, requests, seed, faults, recordTrace, w => _ => new RicartAgrawalaNode(w, Retry(nodes)), clients: nodes, firstClient: 1, theory: 2.0 * (nodes - 1), quiesces: true),
            "token-ring" => Run<TokenRingMessage, TokenRingRecord>(nodes, requests, seed, faults, recordTrace, w => _ => new TokenRingNode(w, RingOptions(nodes)), clients: nodes, firstClient: 1, theory: double.NaN, quiesces: false),
            _ => throw new ArgumentException($"unknown algorithm '{algorithm}'", nameof(algorithm)),
        };
    }

    /// <summary>
    /// How long random faults should last so that they hit the workload: about the time the busiest node needs for
    /// its share of <paramref name="requests"/> (50 ms each), at least 200 ms.
    /// </summary>
    public static TimeSpan FaultWindow(int nodes, int requests) =>
        TimeSpan.FromMilliseconds(Math.Max(200, 50.0 * Math.Ceiling(requests / (double)Math.Max(1, nodes - 1))));

    /// <summary>The workload of every scenario node: think about 40 ms, hold 5 ms.</summary>
    public static MutexWorkload Workload(int requests) => new(requests, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(5));

    /// <summary>Resend interval of the central and Ricart–Agrawala nodes: above any healthy wait (N holds and round trips).</summary>
    public static TimeSpan Retry(int nodes) => TimeSpan.FromMilliseconds(500 + 40 * nodes);

    /// <summary>Token loss is suspected after three rounds' worth of time at the network's worst latency (10 ms a hop).</summary>
    public static TokenRingOptions RingOptions(int nodes) =>
        new(TimeSpan.FromMilliseconds(3 * nodes * 15), TimeSpan.FromMilliseconds(40));

    private static MutexReport Run<TMessage, TRecord>(int nodes, int requests, int seed, ScenarioFaults faults, bool recordTrace,
        Func<MutexWorkload, Func<int, INode<TMessage, TRecord>>> make, int clients, int firstClient, double theory, bool quiesces)
    {
        if (clients < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), "the central algorithm needs a coordinator and at least one client");
        }

        int[] share = MutexWorkload.Split(requests, clients);
        var factories = new Dictionary<int, Func<int, INode<TMessage, TRecord>>>();
        for (int id = 1; id <= nodes; id++)
        {
            int index = id - firstClient;
            factories[id] = make(Workload(index >= 0 && index < share.Length ? share[index] : 0));
        }

        var checker = new MutualExclusionChecker();
        int regenerations = 0;
        var invariant = new CheckerInvariant<TMessage, TRecord>(
            "mutual-exclusion",
            e =>
            {
                if (e.Kind == TraceKind.Observe)
                {
                    checker.Observe(e.Time, e.Node, e.Payload!);
                    regenerations += e.Payload is TokenRegenerated ? 1 : 0;
                }
                else if (e.Kind == TraceKind.Crash)
                {
                    checker.Crashed(e.Node);
                }
            },
            () => checker.Violations,
            view =>
            {
                if (faults.Healthy)
                {
                    checker.CheckAllServed(view.Now); // liveness: on a healthy network every request is served
                }
            });
        var options = new SimulationOptions<TMessage, TRecord>
        {
            Seed = seed,
            Nodes = NodeIds.Range(nodes),
            NodeFactory = id => factories[id](id),
            Network = faults.Network,
            Faults = faults.Schedule,
            Invariants = [invariant],
            RecordTrace = recordTrace,
            // Stop when every request was served (restarted nodes redo theirs, so there may be more), or give up:
            // a faulty run may block for good (a crashed node's deferred replies are lost), and is judged on safety.
            // A healthy run of the central or Ricart–Agrawala algorithm ends by itself (the last release and the
            // deferred replies included); the token circulates for ever, so that run stops at the last entry.
            StopWhen = quiesces && faults.Healthy ? null : _ => checker.Entries >= requests && checker.Waiting.Count == 0,
            Until = TimeSpan.FromSeconds(faults.Healthy ? 600 : 20),
        };
        var result = new Simulation<TMessage, TRecord>(options).Run();
        return new MutexReport(result, checker.Entries, checker.Requests, result.Counters.Sent,
            checker.Entries == 0 ? 0 : (double)result.Counters.Sent / checker.Entries, theory, checker.MaxWait, regenerations);
    }
}
