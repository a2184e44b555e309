using System.Diagnostics;
using System.Globalization;
using Arbiter.Cli.Commands.Node;
using Arbiter.Core.Distributed.MutualExclusion;
using Arbiter.Distributed.Checkers;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// <c>arbiter sim mutex --real</c>: the same nodes and workload as the simulated run, as one <c>arbiter node run</c>
/// process per node over TCP; the same <see cref="MutualExclusionChecker"/> judges the collected observations.
/// </summary>
internal static class MutexRealRun
{
    /// <summary>The <c>node run</c> algorithm of each <c>sim mutex</c> algorithm.</summary>
    private static readonly Dictionary<string, string> NodeNames = new(StringComparer.Ordinal)
    {
        ["central"] = "mutex-central",
        ["ricart-agrawala"] = "mutex-ra",
        ["token-ring"] = "token-ring",
    };

    private static readonly Type[] Observed = [typeof(CriticalSectionRequested), typeof(CriticalSectionEntered), typeof(CriticalSectionExited), typeof(TokenRegenerated)];

    public static MutexRealOutcome Run(string algorithm, int nodes, int requests, MutexReport simulated)
    {
        var wall = Stopwatch.StartNew();
        var members = Arbiter.Distributed.Simulation.NodeIds.Range(nodes);
        var cluster = RealRun.Launch(NodeNames[algorithm], members,
            new Dictionary<string, string> { ["requests"] = requests.ToString(CultureInfo.InvariantCulture) });
        try
        {
            // Done when every request has entered and left (a healthy run serves them all); generous for a loaded machine.
            TimeSpan timeout = TimeSpan.FromSeconds(30 + requests * 0.2);
            bool finished = cluster.WaitAsync(o => o.Count(x => x.Type == nameof(CriticalSectionExited)) >= requests, timeout).GetAwaiter().GetResult();
            var exits = cluster.StopAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var observations = cluster.Observations;
            var checker = new MutualExclusionChecker();
            foreach (var (at, node, value) in RealObservations.Typed(observations, Observed, typeof(CriticalSectionExited)))
            {
                checker.Observe(at, node, value);
            }

            checker.CheckAllServed(wall.Elapsed);
            long messages = cluster.Sent.Values.Sum();
            bool same = checker.Violations.Count == simulated.Result.Violations.Count && checker.Entries == simulated.Entries;
            return new MutexRealOutcome(nodes, finished, checker.Entries, checker.Requests, messages,
                checker.Entries == 0 ? 0 : Math.Round((double)messages / checker.Entries, 3), Math.Round(checker.MaxWait.TotalMilliseconds, 3),
                checker.Violations.Count, [.. checker.Violations], Math.Round(wall.Elapsed.TotalMilliseconds, 1), same, RealObservations.Errors(exits));
        }
        finally
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The human lines of a real run.</summary>
    public static void Write(TextWriter o, MutexRealOutcome real, int seed, MutexReport simulated)
    {
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real: {real.Processes} processes over TCP, {real.Entries} entries of {real.Requests} requests in {real.WallMs:0} ms wall{(real.Finished ? "" : " (TIMED OUT)")}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"real: messages: {real.Messages} ({real.MessagesPerEntry:0.##} per entry); longest wait: {real.MaxWaitMs:0.###} ms"));
        o.WriteLine(real.Violations == 0 ? "real: mutual exclusion: held" : $"real: VIOLATION: {real.ViolationDetails[0]}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real vs simulator (seed {seed}): violations {real.Violations} vs {simulated.Result.Violations.Count}, entries {real.Entries} vs {simulated.Entries}, messages {real.Messages} vs {simulated.Messages}; same outcome: {(real.SameOutcomeAsSimulator ? "yes" : "NO")}"));
        foreach (string error in real.Errors)
        {
            o.WriteLine($"real: {error}");
        }
    }
}
