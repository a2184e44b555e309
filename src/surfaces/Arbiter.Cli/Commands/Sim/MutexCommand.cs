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

/// <summary><c>arbiter sim mutex</c>: distributed mutual exclusion on the simulator, checked on the global view.</summary>
internal static class MutexCommand
{
    public static Command Build(CliContext context)
    {
        var algorithm = new Option<string?>("--algorithm", "-a") { Description = "central | ricart-agrawala | token-ring (default ricart-agrawala)" };
        var nodes = LabInput.CountOption("--nodes", "-n", "Nodes in the group, 1–64 (central: 2–64, node 1 coordinates)", 5);
        var requests = LabInput.CountOption("--requests", "-k", "Entries into the critical section in all, spread over the nodes (1–100000)", 20);
        var seed = SimInput.SeedOption();
        var seeds = SimInput.SeedsOption();
        var faults = SimInput.FaultsOption();
        var json = CommonOptions.Json();
        var svg = SimInput.SvgOption();
        var real = RealRun.Option();
        var command = new Command("mutex", """
            Distributed mutual exclusion (seed week 9) on the deterministic simulator. central: one coordinator
            grants in FIFO order (3 messages per entry). ricart-agrawala: ask everyone, enter on N−1 OKs (2(N−1)).
            token-ring: a token circulates; a lost token is detected by timeout and exactly one new token is made.
            The checker sees the global view: never two nodes in the critical section; on a healthy network every
            request is served. Reports entries, messages per entry against the theory, and the longest wait.
            With --seeds A..B, sweeps seeds (use --faults random) and reports violations (expected 0) and the worst case.
            With --real, the nodes also run as separate `arbiter node run` processes over TCP on loopback (no faults);
            the same checker judges their observations, and a line compares the outcome with the simulator's.

            Examples:
              arbiter sim mutex --algorithm ricart-agrawala --nodes 5 --requests 20
              arbiter sim mutex -a token-ring -n 4 --faults "crash 2 at 300ms, restart 2 at 600ms" --json
              arbiter sim mutex -a central --seeds 1..1000 --faults random
              arbiter sim mutex -a ricart-agrawala -n 3 -k 6 --real
            """) { algorithm, nodes, requests, seed, seeds, faults, json, svg, real };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string name = LabInput.Choice(parse, algorithm, MutexScenario.Algorithms) ?? "ricart-agrawala";
            int n = LabInput.Positive(parse, nodes, 64);
            if (name == "central" && n < 2)
            {
                throw new InputException("--nodes: the central algorithm needs at least 2 nodes (a coordinator and a client)");
            }

            int k = LabInput.Positive(parse, requests, 100_000);
            string? faultText = parse.GetValue(faults);
            var members = NodeIds.Range(n);
            var window = MutexScenario.FaultWindow(n, k);
            RealRun.Check(parse, real, faultText, seeds);
            if (SimInput.Seeds(parse, seeds) is { } range)
            {
                AlgorithmSweep.Faults(faultText, members, range.First, window); // bad input fails before the sweep starts
                return AlgorithmSweep.Run(context, parse.GetValue(json), name, range,
                    s => MutexScenario.Run(name, n, k, s, AlgorithmSweep.Faults(faultText, members, s, window)).Result,
                    r => r.Observations.Count == 0 ? 0 : MaxWait(r), "max_wait_ms");
            }

            int runSeed = parse.GetValue(seed);
            string? file = parse.GetValue(svg);
            var report = MutexScenario.Run(name, n, k, runSeed, AlgorithmSweep.Faults(faultText, members, runSeed, window), recordTrace: file is not null);
            if (file is not null)
            {
                AtomicFile.Write(file, SpaceTimeRenderer.Render(SpaceTimePictures.FromRun(report.Result, $"mutex: {name}, {n} nodes, seed {runSeed}")));
            }

            MutexRealOutcome? realRun = parse.GetValue(real) ? MutexRealRun.Run(name, n, k, report) : null;
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    algorithm = name,
                    nodes = n,
                    seed = runSeed,
                    violations = report.Result.Violations.Count,
                    entries = report.Entries,
                    requests = report.Requests,
                    messages = report.Messages,
                    messages_per_entry = Math.Round(report.MessagesPerEntry, 3),
                    theory_per_entry = double.IsNaN(report.Theory) ? (double?)null : report.Theory,
                    max_wait_ms = Math.Round(report.MaxWait.TotalMilliseconds, 3),
                    tokens_regenerated = report.Regenerations,
                    end_ms = Math.Round(report.Result.EndTime.TotalMilliseconds, 3),
                    violation_details = AlgorithmSweep.Lines(report.Result),
                    real = realRun,
                });
                return ArbiterApp.Ok;
            }

            var o = context.Out;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {n} nodes, {report.Entries} entries of {report.Requests} requests, seed {runSeed}"));
            string theory = double.IsNaN(report.Theory) ? "1 to ∞ (the token circulates when idle)" : report.Theory.ToString("0.##", CultureInfo.InvariantCulture);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages: {report.Messages} ({report.MessagesPerEntry:0.##} per entry; theory {theory})"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"longest wait: {LabInput.ShowDuration(report.MaxWait)}"));
            if (name == "token-ring")
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tokens regenerated: {report.Regenerations}"));
            }

            o.WriteLine(report.Result.Passed ? "mutual exclusion: held (never two nodes in the critical section)" : $"VIOLATION: {report.Result.Violations[0]}");
            if (realRun is not null)
            {
                MutexRealRun.Write(o, realRun, runSeed, report);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static double MaxWait(SimulationResult result)
    {
        var asked = new Dictionary<int, TimeSpan>();
        double worst = 0;
        foreach (var o in result.Observations)
        {
            if (o.Value is Core.Distributed.MutualExclusion.CriticalSectionRequested)
            {
                asked[o.Node] = o.Time;
            }
            else if (o.Value is Core.Distributed.MutualExclusion.CriticalSectionEntered && asked.Remove(o.Node, out var since))
            {
                worst = Math.Max(worst, (o.Time - since).TotalMilliseconds);
            }
        }

        return worst;
    }
}
