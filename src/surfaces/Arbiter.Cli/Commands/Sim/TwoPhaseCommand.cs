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

/// <summary><c>arbiter sim 2pc</c>: two-phase commit with crashes at protocol steps, the blocking case and recovery.</summary>
internal static class TwoPhaseCommand
{
    public static Command Build(CliContext context)
    {
        var participants = LabInput.CountOption("--participants", "-n", "Participants, 1–32 (ids 2..N+1; node 1 coordinates)", 3);
        var crash = new Option<string?>("--crash") { Description = "coordinator@prepare | coordinator@decision | participant@prepare | participant@decision (down for 1 s)" };
        var voteNo = new Option<int[]>("--vote-no") { Description = "Participant(s) that vote no", AllowMultipleArgumentsPerToken = true };
        var seed = SimInput.SeedOption();
        var seeds = SimInput.SeedsOption();
        var faults = SimInput.FaultsOption();
        var json = CommonOptions.Json();
        var svg = SimInput.SvgOption();
        var real = RealRun.Option();
        var command = new Command("2pc", """
            Two-phase commit (Gray 1978; seed week 9) on the deterministic simulator, one transaction, 5 ms links.
            --crash coordinator@prepare shows the blocking case: participants voted yes and sit in the window of
            uncertainty (they may neither commit nor abort) until the coordinator restarts; its recovery log (begin,
            decision, end) lets it finish what it started. Checked: atomicity (one outcome everywhere; commit only if
            all voted yes) and, at the end, that everyone learned the outcome.
            With --real, the nodes also run as `arbiter node run` processes over TCP on loopback (no faults, no
            --crash; the vote timeout is 2 s), checked the same way and compared with the simulator.

            Examples:
              arbiter sim 2pc --participants 3
              arbiter sim 2pc --participants 3 --crash coordinator@prepare
              arbiter sim 2pc -n 4 --vote-no 3 --json
              arbiter sim 2pc -n 4 --seeds 1..1000 --faults random
              arbiter sim 2pc -n 3 --vote-no 3 --real
            """) { participants, crash, voteNo, seed, seeds, faults, json, svg, real };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int n = LabInput.Positive(parse, participants, 32);
            string? point = LabInput.Choice(parse, crash, TwoPhaseScenario.CrashPoints);
            var no = new HashSet<int>(parse.GetValue(voteNo) ?? []);
            foreach (int v in no.Where(v => v < 2 || v > n + 1).Take(1))
            {
                throw new InputException($"--vote-no: node {v} is not a participant (2–{n + 1})");
            }

            string? faultText = parse.GetValue(faults);
            var members = NodeIds.Range(n + 1);
            var window = TimeSpan.FromMilliseconds(100);
            RealRun.Check(parse, real, faultText, seeds);
            if (parse.GetValue(real) && point is not null)
            {
                throw new InputException("--real: crash points are simulated only; drop --crash (or --real)");
            }

            if (SimInput.Seeds(parse, seeds) is { } range)
            {
                AlgorithmSweep.Faults(faultText, members, range.First, window);
                return AlgorithmSweep.Run(context, parse.GetValue(json), "2pc", range,
                    s => TwoPhaseScenario.Run(n, point, no, s, AlgorithmSweep.Faults(faultText, members, s, window)).Result,
                    r => LongestUncertainty(r), "uncertain_ms");
            }

            int runSeed = parse.GetValue(seed);
            string? file = parse.GetValue(svg);
            var report = TwoPhaseScenario.Run(n, point, no, runSeed, AlgorithmSweep.Faults(faultText, members, runSeed, window), recordTrace: file is not null);
            if (file is not null)
            {
                AtomicFile.Write(file, SpaceTimeRenderer.Render(SpaceTimePictures.FromRun(report.Result, $"2pc: {n} participants{(point is null ? "" : ", crash " + point)}, seed {runSeed}")));
            }

            string outcome = report.Outcome switch { true => "commit", false => "abort", null => "none" };
            TwoPhaseRealOutcome? realRun = parse.GetValue(real) ? TwoPhaseRealRun.Run(n, no, report) : null;
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    participants = n,
                    crash = point,
                    vote_no = no.Order(),
                    seed = runSeed,
                    outcome,
                    blocked = report.Blocked,
                    longest_uncertainty_ms = Math.Round(report.LongestUncertainty.TotalMilliseconds, 3),
                    messages = report.Messages,
                    theory_messages = 4 * n,
                    coordinator_log = report.CoordinatorLog,
                    atomic = report.Result.Passed,
                    violations = report.Result.Violations.Count,
                    violation_details = AlgorithmSweep.Lines(report.Result),
                    real = realRun,
                });
                return ArbiterApp.Ok;
            }

            var o = context.Out;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2pc: coordinator 1, participants 2–{n + 1}{(point is null ? "" : $", crash {point} (down {TwoPhaseScenario.Downtime.TotalSeconds:0.#} s)")}, seed {runSeed}"));
            o.WriteLine($"outcome: {outcome} everywhere");
            o.WriteLine(report.Blocked.Count == 0
                ? "blocked: nobody"
                : string.Create(CultureInfo.InvariantCulture, $"blocked: participant(s) {string.Join(", ", report.Blocked)} voted yes and waited in the window of uncertainty for {LabInput.ShowDuration(report.LongestUncertainty)}"));
            o.WriteLine($"coordinator log: {string.Join(" → ", report.CoordinatorLog)}");
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages: {report.Messages} (no failure: 4N = {4 * n})"));
            o.WriteLine(report.Result.Passed ? "atomicity: held (same decision everywhere)" : $"VIOLATION: {report.Result.Violations[0]}");
            if (realRun is not null)
            {
                TwoPhaseRealRun.Write(o, realRun, runSeed, report);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static double LongestUncertainty(SimulationResult result)
    {
        var voted = new Dictionary<int, TimeSpan>();
        double worst = 0;
        foreach (var o in result.Observations)
        {
            if (o.Value is Core.Distributed.Commit.VoteCast { Yes: true })
            {
                voted[o.Node] = o.Time;
            }
            else if (o.Value is Core.Distributed.Commit.TransactionDecided && voted.Remove(o.Node, out var since))
            {
                worst = Math.Max(worst, (o.Time - since).TotalMilliseconds);
            }
        }

        return worst;
    }
}
