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

/// <summary><c>arbiter sim paxos</c>: single-decree Paxos with competing proposers, checked for agreement and validity.</summary>
internal static class PaxosCommand
{
    public static Command Build(CliContext context)
    {
        var proposers = LabInput.CountOption("--proposers", "-p", "Competing proposers, 1–16 (ids 1..P, values v1..vP; they also learn)", 2);
        var acceptors = LabInput.CountOption("--acceptors", "-a", "Acceptors, 1–31 (ids P+1..P+A); a majority is a quorum", 3);
        var seed = SimInput.SeedOption();
        var seeds = SimInput.SeedsOption();
        var faults = SimInput.FaultsOption();
        var json = CommonOptions.Json();
        var svg = SimInput.SvgOption();
        var real = RealRun.Option();
        var command = new Command("paxos", """
            Single-decree Paxos (Lamport, "Paxos Made Simple", 2001; seed week 10) on the deterministic simulator.
            Proposers compete with increasing ballots; acceptors persist their promises, so a restarted acceptor keeps
            them. Checked at every event: agreement (one value decided) and validity (it was proposed); at the end,
            once faults healed: every proposer learned it. Reports the value, when, and messages against (3+P)·A.
            With --real, the nodes also run as `arbiter node run` processes over TCP on loopback (no faults), checked
            the same way and compared with the simulator (with competing proposers either value may win).

            Examples:
              arbiter sim paxos --proposers 2 --acceptors 3
              arbiter sim paxos -p 3 -a 5 --faults "crash 4 at 5ms, crash 5 at 5ms, restart 4 at 500ms" --json
              arbiter sim paxos -p 3 -a 5 --seeds 1..1000 --faults random
              arbiter sim paxos -p 1 -a 3 --real
            """) { proposers, acceptors, seed, seeds, faults, json, svg, real };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int p = LabInput.Positive(parse, proposers, 16);
            int a = LabInput.Positive(parse, acceptors, 31);
            string? faultText = parse.GetValue(faults);
            var members = NodeIds.Range(p + a);
            var window = TimeSpan.FromMilliseconds(500);
            RealRun.Check(parse, real, faultText, seeds);
            if (SimInput.Seeds(parse, seeds) is { } range)
            {
                AlgorithmSweep.Faults(faultText, members, range.First, window);
                return AlgorithmSweep.Run(context, parse.GetValue(json), "paxos", range,
                    s => PaxosScenario.Run(p, a, s, AlgorithmSweep.Faults(faultText, members, s, window)).Result,
                    r => r.Counters.Sent, "messages");
            }

            int runSeed = parse.GetValue(seed);
            string? file = parse.GetValue(svg);
            var report = PaxosScenario.Run(p, a, runSeed, AlgorithmSweep.Faults(faultText, members, runSeed, window), recordTrace: file is not null);
            if (file is not null)
            {
                AtomicFile.Write(file, SpaceTimeRenderer.Render(SpaceTimePictures.FromRun(report.Result, $"paxos: {p} proposers, {a} acceptors, seed {runSeed}")));
            }

            double? chosenAt = report.ChosenAt is { } t ? Math.Round(t.TotalMilliseconds, 3) : null;
            PaxosRealOutcome? realRun = parse.GetValue(real) ? PaxosRealRun.Run(p, a, report) : null;
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    proposers = p,
                    acceptors = a,
                    seed = runSeed,
                    chosen = report.Chosen,
                    chosen_at_ms = chosenAt,
                    decisions = report.Decisions,
                    messages = report.Messages,
                    theory_one_attempt = report.Theory,
                    agreement = report.Result.Passed,
                    violations = report.Result.Violations.Count,
                    violation_details = AlgorithmSweep.Lines(report.Result),
                    real = realRun,
                });
                return ArbiterApp.Ok;
            }

            var o = context.Out;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paxos: {p} proposer(s), {a} acceptors (quorum {a / 2 + 1}), seed {runSeed}"));
            o.WriteLine(report.Chosen is null ? "no value chosen" : string.Create(CultureInfo.InvariantCulture, $"chosen: {report.Chosen} at {chosenAt:0.###} ms, learned {report.Decisions} time(s)"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages: {report.Messages} (one uncontested attempt: (3+P)·A = {report.Theory})"));
            o.WriteLine(report.Result.Passed ? "agreement and validity: held" : $"VIOLATION: {report.Result.Violations[0]}");
            if (realRun is not null)
            {
                PaxosRealRun.Write(o, realRun, runSeed, report);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }
}
