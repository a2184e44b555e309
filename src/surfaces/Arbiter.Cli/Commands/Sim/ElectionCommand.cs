using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Commands.Node;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Cli.Commands.Sim;

/// <summary><c>arbiter sim election</c>: Bully and Ring elections after a crash, checked for one leader per term.</summary>
internal static class ElectionCommand
{
    public static Command Build(CliContext context)
    {
        var algorithm = new Option<string?>("--algorithm", "-a") { Description = "bully | ring (default bully)" };
        var nodes = LabInput.CountOption("--nodes", "-n", "Nodes in the group, 1–64", 5);
        var crash = new Option<int?>("--crash") { Description = "The node that crashes at 1 s (default: the highest id, the first leader)" };
        var concurrent = LabInput.CountOption("--concurrent", "-c", "How many nodes detect the failure at once and start elections concurrently", 1);
        var seed = SimInput.SeedOption();
        var seeds = SimInput.SeedsOption();
        var faults = SimInput.FaultsOption();
        var json = CommonOptions.Json();
        var svg = SimInput.SvgOption();
        var real = RealRun.Option();
        var command = new Command("election", """
            Leader election (seed week 10) on the deterministic simulator. The group elects a leader; at 1 s the
            --crash node fails; the detecting node(s) notice the missing heartbeats and elect anew.
            bully: Election to higher ids, the highest live id wins (Garcia-Molina 1982). ring: Chang–Roberts, the
            highest id on the ring wins, at most 3N−1 messages from one initiator; a dead successor is skipped.
            Both confirm the winner by a majority, each node backing one leader per term, so on any network there is
            at most one leader per term (checked), and an election ends whenever a majority is up.
            With --real, the nodes also run as `arbiter node run` processes over TCP on loopback (timeouts 5× longer):
            once they agree on a leader the --crash node's process is killed, and the survivors' outcome is checked
            the same way and compared with the simulator's.

            Examples:
              arbiter sim election --algorithm bully --nodes 5 --crash 5
              arbiter sim election -a ring -n 7 --crash 7 --concurrent 3 --json
              arbiter sim election -a ring --seeds 1..1000 --faults random
              arbiter sim election -a bully -n 3 --real
            """) { algorithm, nodes, crash, concurrent, seed, seeds, faults, json, svg, real };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string name = LabInput.Choice(parse, algorithm, ElectionScenario.Algorithms) ?? "bully";
            int n = LabInput.Positive(parse, nodes, 64);
            int victim = parse.GetValue(crash) ?? n;
            if (victim < 1 || victim > n)
            {
                throw new InputException($"--crash: node {victim} is not in the group (1–{n})");
            }

            int k = LabInput.Positive(parse, concurrent, n);
            string? faultText = parse.GetValue(faults);
            var members = NodeIds.Range(n);
            var window = TimeSpan.FromSeconds(2);
            RealRun.Check(parse, real, faultText, seeds);
            if (SimInput.Seeds(parse, seeds) is { } range)
            {
                AlgorithmSweep.Faults(faultText, members, range.First, window);
                return AlgorithmSweep.Run(context, parse.GetValue(json), name, range,
                    s => ElectionScenario.Run(name, n, victim, k, s, AlgorithmSweep.Faults(faultText, members, s, window)).Result,
                    r => ElectedAfterCrash(r), "elected_after_crash_ms");
            }

            int runSeed = parse.GetValue(seed);
            string? file = parse.GetValue(svg);
            var report = ElectionScenario.Run(name, n, victim, k, runSeed, AlgorithmSweep.Faults(faultText, members, runSeed, window), recordTrace: file is not null);
            if (file is not null)
            {
                AtomicFile.Write(file, SpaceTimeRenderer.Render(SpaceTimePictures.FromRun(report.Result, $"election: {name}, {n} nodes, crash {victim}, seed {runSeed}")));
            }

            double? electedAt = report.ElectedAt is { } t ? Math.Round(t.TotalMilliseconds, 3) : null;
            ElectionRealOutcome? realRun = parse.GetValue(real) ? ElectionRealRun.Run(name, n, victim, k, report) : null;
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    algorithm = name,
                    nodes = n,
                    crash = victim,
                    concurrent = k,
                    seed = runSeed,
                    leader = report.Leader,
                    messages = report.Messages,
                    hop_acks = report.Acks,
                    elections_started = report.Elections,
                    crashed_at_ms = ElectionScenario.CrashAt.TotalMilliseconds,
                    elected_at_ms = electedAt,
                    agreement = report.Leader is not null,
                    violations = report.Result.Violations.Count,
                    leaders_by_term = report.Leaders.OrderBy(l => l.Key).Select(l => new { term = l.Key, leader = l.Value }),
                    violation_details = AlgorithmSweep.Lines(report.Result),
                    real = realRun,
                });
                return ArbiterApp.Ok;
            }

            var o = context.Out;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {n} nodes, node {victim} crashes at {ElectionScenario.CrashAt.TotalMilliseconds:0} ms, {k} detector(s), seed {runSeed}"));
            o.WriteLine("leaders by term: " + string.Join(", ", report.Leaders.OrderBy(l => l.Key).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key}→{l.Value}"))));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after the crash: {report.Elections} election(s) started, {report.Messages} messages{(name == "ring" ? $" (+{report.Acks} hop acks)" : "")}, new leader at {(electedAt is double e ? $"{e:0.###} ms" : "never")}"));
            o.WriteLine(report.Leader is int leader ? $"agreement: every running node follows node {leader}" : "agreement: NO");
            o.WriteLine(report.Result.Passed ? "uniqueness: held (at most one leader per term)" : $"VIOLATION: {report.Result.Violations[0]}");
            if (realRun is not null)
            {
                ElectionRealRun.Write(o, realRun, runSeed, victim, report);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static double ElectedAfterCrash(SimulationResult result)
    {
        var first = result.Observations.FirstOrDefault(o => o.Time >= ElectionScenario.CrashAt && o.Value is Core.Distributed.Election.LeaderElected);
        return first is null ? double.NaN : (first.Time - ElectionScenario.CrashAt).TotalMilliseconds; // NaN: the nemesis had already replaced the leader
    }
}
