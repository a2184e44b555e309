using System.Diagnostics;
using System.Globalization;
using Arbiter.Cli.Commands.Node;
using Arbiter.Core.Distributed.Commit;
using Arbiter.Distributed.Checkers;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// <c>arbiter sim 2pc --real</c>: the coordinator (node 1) and the participants as <c>arbiter node run</c> processes
/// over TCP, judged by the same <see cref="AtomicityChecker"/>. The coordinator begins at 50 ms and waits 2 s for
/// votes (the simulator: 10 ms, 100 ms), so that a stall of a loaded machine does not turn a commit into a timeout abort.
/// </summary>
internal static class TwoPhaseRealRun
{
    private static readonly Type[] Observed = [typeof(VoteCast), typeof(TransactionDecided), typeof(ParticipantUncertain)];

    public static TwoPhaseRealOutcome Run(int participants, IReadOnlySet<int> voteNo, TwoPhaseReport simulated)
    {
        var wall = Stopwatch.StartNew();
        var members = Arbiter.Distributed.Simulation.NodeIds.Range(participants + 1);
        var parameters = new Dictionary<string, string> { ["begin-ms"] = "50", ["timeout-ms"] = "2000" };
        if (voteNo.Count > 0)
        {
            parameters["vote-no"] = string.Join(',', voteNo.Order());
        }

        var cluster = RealRun.Launch("2pc", members, parameters);
        try
        {
            bool finished = cluster.WaitAsync(o => o.Where(x => x.Type == nameof(TransactionDecided)).Select(x => x.Node).Distinct().Count() == members.Count,
                TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            Thread.Sleep(200); // messages still in flight once the outcome is known (the last acknowledgements) are counted too
            var exits = cluster.StopAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var checker = new AtomicityChecker();
            foreach (var (at, _, value) in RealObservations.Typed(cluster.Observations, Observed))
            {
                checker.Observe(at, value);
            }

            checker.CheckAllDecided(members);
            bool same = checker.Violations.Count == simulated.Result.Violations.Count && checker.Outcome == simulated.Outcome;
            return new TwoPhaseRealOutcome(members.Count, finished, Show(checker.Outcome), cluster.Sent.Values.Sum(), checker.Violations.Count,
                [.. checker.Violations], Math.Round(wall.Elapsed.TotalMilliseconds, 1), same, RealObservations.Errors(exits));
        }
        finally
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The human lines of a real run.</summary>
    public static void Write(TextWriter o, TwoPhaseRealOutcome real, int seed, TwoPhaseReport simulated)
    {
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real: {real.Processes} processes over TCP; outcome: {real.Outcome}; {real.Messages} messages; {real.WallMs:0} ms wall{(real.Finished ? "" : " (TIMED OUT)")}"));
        o.WriteLine(real.Violations == 0 ? "real: atomicity: held" : $"real: VIOLATION: {real.ViolationDetails[0]}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real vs simulator (seed {seed}): outcome {real.Outcome} vs {Show(simulated.Outcome)}, violations {real.Violations} vs {simulated.Result.Violations.Count}, messages {real.Messages} vs {simulated.Messages}; same outcome: {(real.SameOutcomeAsSimulator ? "yes" : "NO")}"));
        foreach (string error in real.Errors)
        {
            o.WriteLine($"real: {error}");
        }
    }

    private static string Show(bool? outcome) => outcome switch { true => "commit", false => "abort", null => "none" };
}
