using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Cli.Commands.Sim;

/// <summary><c>arbiter sim clocksync</c>: Cristian, Berkeley and NTP on drifting clocks, residual skew against true time.</summary>
internal static class ClockSyncCommand
{
    public static Command Build(CliContext context)
    {
        var algorithm = new Option<string?>("--algorithm", "-a") { Description = "cristian | berkeley | ntp (default cristian)" };
        var nodes = LabInput.CountOption("--nodes", "-n", "Nodes, 2–64 (node 1 is the time server or Berkeley's master)", 5);
        var drift = new Option<string>("--drift") { Description = "Largest clock drift, in ppm (e.g. 100ppm or 100)", DefaultValueFactory = _ => "100ppm" };
        var skew = new Option<string>("--skew") { Description = "Largest initial clock offset (e.g. 50ms)", DefaultValueFactory = _ => "50ms" };
        var asymmetry = new Option<string>("--asymmetry") { Description = "Extra delay on every link towards node 1 (e.g. 4ms)", DefaultValueFactory = _ => "0" };
        var seed = SimInput.SeedOption();
        var seeds = SimInput.SeedsOption();
        var faults = SimInput.FaultsOption();
        var json = CommonOptions.Json();
        var svg = SimInput.SvgOption();
        var command = new Command("clocksync", """
            Physical clock synchronisation (seed week 9) on the simulator's drifting clocks, for 10 s, resyncing every
            second. cristian: ask the server, add half the round trip (Cristian 1989). berkeley: the master polls,
            averages without outliers and sends relative adjustments (Gusella and Zatti 1989). ntp: four timestamps,
            offset θ and delay δ, the least-delayed of the last 8 samples (Mills; RFC 5905). Nodes keep an offset on
            top of their local clock. Checked at every correction: the corrected clock is within the algorithm's own
            bound (RTT/2, δ/2) of true time. Reports each node's residual skew against true time at the end.

            Examples:
              arbiter sim clocksync --algorithm cristian --nodes 4 --drift 100ppm
              arbiter sim clocksync -a ntp --asymmetry 4ms --json
              arbiter sim clocksync -a berkeley --skew 200ms
              arbiter sim clocksync -a ntp --seeds 1..1000 --faults random
            """) { algorithm, nodes, drift, skew, asymmetry, seed, seeds, faults, json, svg };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string name = LabInput.Choice(parse, algorithm, ClockSyncScenario.Algorithms) ?? "cristian";
            int n = LabInput.Positive(parse, nodes, 64);
            if (n < 2)
            {
                throw new InputException("--nodes: clock synchronisation needs at least 2 nodes");
            }

            double rate = ParsePpm(parse.GetValue(drift)!) / 1e6;
            var maxSkew = LabInput.ParseDuration(parse.GetValue(skew)!, "--skew", TimeSpan.Zero, TimeSpan.FromMinutes(10));
            var asym = LabInput.ParseDuration(parse.GetValue(asymmetry)!, "--asymmetry", TimeSpan.Zero, TimeSpan.FromSeconds(1));
            string? faultText = parse.GetValue(faults);
            var members = NodeIds.Range(n);
            var window = TimeSpan.FromSeconds(5);
            if (SimInput.Seeds(parse, seeds) is { } range)
            {
                AlgorithmSweep.Faults(faultText, members, range.First, window);
                var worst = new System.Collections.Concurrent.ConcurrentDictionary<int, double>(); // per sweep: seed → error
                return AlgorithmSweep.Run(context, parse.GetValue(json), name, range, s =>
                {
                    var report = ClockSyncScenario.Run(name, n, rate, maxSkew, asym, s, AlgorithmSweep.Faults(faultText, members, s, window));
                    worst[s] = report.WorstAtCorrection.TotalMilliseconds;
                    return report.Result;
                }, r => worst.TryRemove(r.Seed, out double w) ? w : double.NaN, "error_at_correction_ms");
            }

            int runSeed = parse.GetValue(seed);
            string? file = parse.GetValue(svg);
            var result = ClockSyncScenario.Run(name, n, rate, maxSkew, asym, runSeed, AlgorithmSweep.Faults(faultText, members, runSeed, window), recordTrace: file is not null);
            if (file is not null)
            {
                AtomicFile.Write(file, SpaceTimeRenderer.Render(SpaceTimePictures.FromRun(result.Result, $"clocksync: {name}, {n} nodes, seed {runSeed}")));
            }

            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    algorithm = name,
                    nodes = n,
                    drift_ppm = rate * 1e6,
                    asymmetry_ms = asym.TotalMilliseconds,
                    seed = runSeed,
                    residual_skew = result.Nodes.Select(r => new
                    {
                        node = r.Node,
                        initial_skew_ms = Math.Round(r.InitialSkew.TotalMilliseconds, 3),
                        drift_ppm = Math.Round(r.Drift * 1e6, 1),
                        uncorrected_ms = Math.Round(r.Uncorrected.TotalMilliseconds, 3),
                        residual_ms = r.Residual is { } x ? Math.Round(x.TotalMilliseconds, 3) : (double?)null,
                    }),
                    max_residual_ms = Math.Round(result.Nodes.Where(r => r.Residual is not null).Max(r => r.Residual!.Value.Duration()).TotalMilliseconds, 3),
                    spread_ms = Math.Round(result.Spread.TotalMilliseconds, 3),
                    worst_at_correction_ms = Math.Round(result.WorstAtCorrection.TotalMilliseconds, 3),
                    messages = result.Messages,
                    violations = result.Result.Violations.Count,
                    violation_details = AlgorithmSweep.Lines(result.Result),
                });
                return ArbiterApp.Ok;
            }

            var o = context.Out;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {n} nodes, drift up to {rate * 1e6:0.#} ppm, skew up to {LabInput.ShowDuration(maxSkew)}, asymmetry {LabInput.ShowDuration(asym)}, after {ClockSyncScenario.Duration.TotalSeconds:0} s, seed {runSeed}"));
            o.WriteLine("node   initial skew   drift (ppm)   uncorrected   residual");
            foreach (var r in result.Nodes)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Node,4}   {r.InitialSkew.TotalMilliseconds,9:0.###} ms   {r.Drift * 1e6,11:0.#}   {r.Uncorrected.TotalMilliseconds,8:0.###} ms   {(r.Residual is { } x ? $"{x.TotalMilliseconds:0.###} ms" : "down")}"));
            }

            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"spread between corrected clocks: {result.Spread.TotalMilliseconds:0.###} ms; messages: {result.Messages}"));
            o.WriteLine(result.Result.Passed ? "error bound: held at every correction" : $"VIOLATION: {result.Result.Violations[0]}");
            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static double ParsePpm(string text)
    {
        string t = text.Trim();
        if (t.EndsWith("ppm", StringComparison.OrdinalIgnoreCase))
        {
            t = t[..^3];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double ppm) || !double.IsFinite(ppm) || ppm < 0 || ppm > 100_000)
        {
            throw new InputException($"--drift: '{text}' is not a drift in ppm between 0 and 100000 (e.g. 100ppm)");
        }

        return ppm;
    }
}
