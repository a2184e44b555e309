using System.Diagnostics;
using System.Globalization;
using Arbiter.Cli.Commands.Node;
using Arbiter.Core.Distributed.Consensus;
using Arbiter.Distributed.Checkers;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// <c>arbiter sim paxos --real</c>: proposers and acceptors as <c>arbiter node run</c> processes over TCP, judged by
/// the same <see cref="ConsensusChecker"/>. With competing proposers the real timing may let another proposer's value
/// win than on the simulator, and the proposers retry after 250 ms (the simulator's 50 ms times 5); the outcome compared is that one proposed value was chosen and every proposer learned it.
/// </summary>
internal static class PaxosRealRun
{
    private static readonly Type[] Observed = [typeof(ValueProposed), typeof(ValueDecided)];

    public static PaxosRealOutcome Run(int proposers, int acceptors, PaxosReport simulated)
    {
        var wall = Stopwatch.StartNew();
        var members = Arbiter.Distributed.Simulation.NodeIds.Range(proposers + acceptors);
        var cluster = RealRun.Launch("paxos", members, new Dictionary<string, string>
        {
            ["proposers"] = proposers.ToString(CultureInfo.InvariantCulture),
            ["retry-ms"] = "250", // 5× the simulator's 50 ms: a first message's JIT and a loaded machine's stalls are longer than its network
        });
        try
        {
            bool finished = cluster.WaitAsync(o => o.Where(x => x.Type == nameof(ValueDecided) && x.Node <= proposers).Select(x => x.Node).Distinct().Count() == proposers,
                TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            Thread.Sleep(200); // messages still in flight once the outcome is known (the last acknowledgements) are counted too
            var exits = cluster.StopAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var checker = new ConsensusChecker();
            var learned = new Dictionary<int, string?>();
            foreach (var (at, node, value) in RealObservations.Typed(cluster.Observations, Observed))
            {
                checker.Observe(at, value);
                if (value is ValueDecided d)
                {
                    learned[node] = d.Value;
                }
            }

            checker.CheckAllLearned(Enumerable.Range(1, proposers).Select(p => (p, learned.GetValueOrDefault(p))));
            bool same = checker.Violations.Count == simulated.Result.Violations.Count && (checker.Chosen is null) == (simulated.Chosen is null);
            return new PaxosRealOutcome(members.Count, finished, checker.Chosen, checker.Decisions, cluster.Sent.Values.Sum(), checker.Violations.Count,
                [.. checker.Violations], Math.Round(wall.Elapsed.TotalMilliseconds, 1), same, RealObservations.Errors(exits));
        }
        finally
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The human lines of a real run.</summary>
    public static void Write(TextWriter o, PaxosRealOutcome real, int seed, PaxosReport simulated)
    {
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real: {real.Processes} processes over TCP; chosen: {real.Chosen ?? "none"}, learned {real.Decisions} time(s); {real.Messages} messages; {real.WallMs:0} ms wall{(real.Finished ? "" : " (TIMED OUT)")}"));
        o.WriteLine(real.Violations == 0 ? "real: agreement and validity: held" : $"real: VIOLATION: {real.ViolationDetails[0]}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real vs simulator (seed {seed}): chosen {real.Chosen ?? "none"} vs {simulated.Chosen ?? "none"}, violations {real.Violations} vs {simulated.Result.Violations.Count}, messages {real.Messages} vs {simulated.Messages}; same outcome: {(real.SameOutcomeAsSimulator ? "yes" : "NO")}"));
        foreach (string error in real.Errors)
        {
            o.WriteLine($"real: {error}");
        }
    }
}
