using System.Diagnostics;
using System.Globalization;
using Arbiter.Cli.Commands.Node;
using Arbiter.Core.Distributed.Election;
using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// <c>arbiter sim election --real</c>: the group as <c>arbiter node run</c> processes over TCP. Once it has agreed on
/// a first leader, the <c>--crash</c> node's process is killed (the simulator crashes it at 1 s, by when its group
/// has agreed too); then the survivors elect anew. The same <see cref="ElectionChecker"/> judges uniqueness (over
/// the collected <see cref="LeaderElected"/>) and agreement (over each survivor's last view).
/// </summary>
internal static class ElectionRealRun
{
    /// <summary>
    /// The timing scale over TCP: the simulator's network tops out at 10 ms a message, real processes on a loaded
    /// machine stall longer (JIT, GC, scheduling), so every timeout is 5 times the simulator's.
    /// </summary>
    public static TimeSpan Latency { get; } = TimeSpan.FromMilliseconds(50);

    private static readonly Type[] Observed = [typeof(LeaderElected), typeof(LeaderAccepted), typeof(ElectionStarted)];

    public static ElectionRealOutcome Run(string algorithm, int nodes, int victim, int concurrent, ElectionReport simulated)
    {
        var wall = Stopwatch.StartNew();
        var members = Arbiter.Distributed.Simulation.NodeIds.Range(nodes);
        var detectors = members.Where(i => i != victim).Take(Math.Max(1, concurrent)); // as ElectionScenario picks them
        var cluster = RealRun.Launch(algorithm, members, new Dictionary<string, string>
        {
            ["latency-ms"] = Latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["detectors"] = string.Join(',', detectors),
        });
        var timing = ElectionOptions.For(Latency);
        try
        {
            TimeSpan timeout = TimeSpan.FromSeconds(30);
            bool agreed = cluster.WaitAsync(o => Settled(o, members, 0, timing.LeaderTimeout), timeout).GetAwaiter().GetResult();
            int? first = LatestLeader(cluster.Observations, 0);
            double killedAt = NowMs();
            cluster.Kill(victim);
            var survivors = members.Where(m => m != victim).ToList();
            bool finished = agreed && cluster.WaitAsync(o => Settled(o, survivors, killedAt, timing.LeaderTimeout), timeout).GetAwaiter().GetResult();
            Thread.Sleep(timing.Heartbeat * 3); // let a late election show itself before judging
            var exits = cluster.StopAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var observations = cluster.Observations;
            var checker = new ElectionChecker();
            foreach (var (at, _, value) in RealObservations.Typed(observations, Observed))
            {
                checker.Observe(at, value);
            }

            var views = Views(observations);
            foreach (var state in observations.Where(o => o.Type == nameof(ElectionFinalState)))
            {
                // What the process itself held when it stopped: it may have moved to a leader on a heartbeat, unobserved.
                views[state.Node] = new View(state.Value.GetProperty("term").GetInt64(),
                    state.Value.GetProperty("leader").ValueKind == System.Text.Json.JsonValueKind.Number ? state.Value.GetProperty("leader").GetInt32() : null,
                    state.Value.GetProperty("is_leader").GetBoolean());
            }

            int? leader = checker.CheckAgreement(survivors.Select(s => (s, (IElectionNode)(views.TryGetValue(s, out var v) ? v : new View(0, null, false)))));
            var after = observations.Where(o => o.LocalMs >= killedAt).ToList();
            var electedAfter = after.Where(o => o.Type == nameof(LeaderElected)).Select(o => (double?)(o.LocalMs - killedAt)).FirstOrDefault();
            bool same = leader == simulated.Leader && checker.Violations.Count == simulated.Result.Violations.Count;
            return new ElectionRealOutcome(nodes, finished, first, leader, leader is not null, after.Count(o => o.Type == nameof(ElectionStarted)),
                electedAfter is double e ? Math.Round(e, 3) : null, cluster.Sent.Values.Sum(), checker.Violations.Count, [.. checker.Violations],
                [.. checker.Leaders.OrderBy(l => l.Key).Select(l => (object)new { term = l.Key, leader = l.Value })],
                Math.Round(wall.Elapsed.TotalMilliseconds, 1), same, RealObservations.Errors(exits, [victim]));
        }
        finally
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The human lines of a real run.</summary>
    public static void Write(TextWriter o, ElectionRealOutcome real, int seed, int victim, ElectionReport simulated)
    {
        static string Show(int? node) => node is int n ? n.ToString(CultureInfo.InvariantCulture) : "none";
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real: {real.Processes} processes over TCP; first leader {Show(real.FirstLeader)}; node {victim}'s process killed; {real.ElectionsStarted} election(s) started, new leader {(real.ElectedAfterCrashMs is double e ? $"{e:0} ms after the kill" : "not needed or never")}; {real.WallMs:0} ms wall{(real.Finished ? "" : " (TIMED OUT)")}"));
        o.WriteLine(real.Agreement ? $"real: agreement: every running process follows node {real.Leader}" : "real: agreement: NO");
        o.WriteLine(real.Violations == 0 ? "real: uniqueness: held" : $"real: VIOLATION: {real.ViolationDetails[0]}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real vs simulator (seed {seed}): leader {Show(real.Leader)} vs {Show(simulated.Leader)}, violations {real.Violations} vs {simulated.Result.Violations.Count}; same outcome: {(real.SameOutcomeAsSimulator ? "yes" : "NO")}"));
        foreach (string error in real.Errors)
        {
            o.WriteLine($"real: {error}");
        }
    }

    /// <summary>
    /// The group has settled since <paramref name="sinceMs"/>: its members' observed views agree on one of them, or
    /// a leader was elected (or stayed in place) and nothing about elections was observed for <paramref name="quiet"/>
    /// (a node may follow a new leader on its heartbeat, which it does not report).
    /// </summary>
    private static bool Settled(IReadOnlyList<NodeObservation> observations, IReadOnlyList<int> group, double sinceMs, TimeSpan quiet)
    {
        if (Agreed(Views(observations), group) is not null)
        {
            return true;
        }

        if (LatestLeader(observations, 0) is not int leader || !group.Contains(leader))
        {
            return false;
        }

        double last = observations.Where(o => Observed.Any(t => t.Name == o.Type)).Select(o => o.LocalMs).DefaultIfEmpty(0).Max();
        return NowMs() - Math.Max(last, sinceMs) >= quiet.TotalMilliseconds;
    }

    /// <summary>The leader of the highest term elected at or after <paramref name="sinceMs"/>.</summary>
    private static int? LatestLeader(IReadOnlyList<NodeObservation> observations, double sinceMs) =>
        observations.Where(o => o.Type == nameof(LeaderElected) && o.LocalMs >= sinceMs)
            .OrderBy(o => o.Value.GetProperty("term").GetInt64()).ThenBy(o => o.LocalMs)
            .Select(o => (int?)o.Value.GetProperty("leader").GetInt32()).LastOrDefault();

    private static double NowMs() => (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    /// <summary>Each node's latest view (the highest term it observed a leader in), from its observations.</summary>
    private static Dictionary<int, View> Views(IReadOnlyList<NodeObservation> observations)
    {
        var views = new Dictionary<int, View>();
        foreach (var o in observations)
        {
            (long term, int leader)? seen = o.Type switch
            {
                nameof(LeaderElected) => (o.Value.GetProperty("term").GetInt64(), o.Value.GetProperty("leader").GetInt32()),
                nameof(LeaderAccepted) => (o.Value.GetProperty("term").GetInt64(), o.Value.GetProperty("leader").GetInt32()),
                _ => null,
            };
            if (seen is var (term, leader) && (!views.TryGetValue(o.Node, out var old) || term >= old.Term))
            {
                views[o.Node] = new View(term, leader, leader == o.Node);
            }
        }

        return views;
    }

    /// <summary>The leader all of <paramref name="group"/> follow, if they agree on one of them.</summary>
    private static int? Agreed(Dictionary<int, View> views, IReadOnlyList<int> group)
    {
        var leaders = group.Select(g => views.TryGetValue(g, out var v) ? v.Leader : null).Distinct().ToList();
        return leaders.Count == 1 && leaders[0] is int l && group.Contains(l) ? l : null;
    }

    /// <summary>A node's state as its observations show it, for <see cref="ElectionChecker.CheckAgreement"/>.</summary>
    private sealed record View(long Term, int? Leader, bool IsLeader) : IElectionNode;
}
