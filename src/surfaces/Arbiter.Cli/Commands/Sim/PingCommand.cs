using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Commands.Node;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Distributed;
using Arbiter.Distributed.Samples;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// <c>arbiter sim ping</c>: the runtime's own workload — every node pings every peer for some rounds — on the
/// simulator (with faults, sweeps, SVG) or with <c>--real</c> as processes over TCP; it shows every shared option.
/// </summary>
internal static class PingCommand
{
    public static Command Build(CliContext context)
    {
        var nodes = LabInput.CountOption("--nodes", "-n", "Nodes", 3);
        var rounds = LabInput.CountOption("--rounds", "-r", "Rounds of ping per peer", 5);
        var seed = SimInput.SeedOption();
        var seeds = SimInput.SeedsOption();
        var faults = SimInput.FaultsOption();
        var svg = SimInput.SvgOption();
        var real = new Option<bool>("--real") { Description = "Run the nodes as separate processes over TCP on loopback and compare with the simulator" };
        var json = CommonOptions.Json();
        var command = new Command("ping", """
            The node runtime's self-test: every node pings every peer, one ping outstanding per peer, for --rounds
            rounds; 2·rounds·N·(N−1) messages without faults. Ping-pong has no retransmission, so under faults some
            nodes never finish: the invariant checked is only that no node counts more answers than it asked for.

            Examples:
              arbiter sim ping --nodes 4 --rounds 3
              arbiter sim ping -n 3 --faults "partition {1}|{2,3} at 5ms, heal at 20ms" --svg ping.svg
              arbiter sim ping --seeds 1..200 --faults random --json
              arbiter sim ping -n 3 -r 20 --real
            """) { nodes, rounds, seed, seeds, faults, svg, real, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int n = LabInput.Positive(parse, nodes, 64), r = LabInput.Positive(parse, rounds, 100_000);
            IReadOnlyList<int> members = NodeIds.Range(n);
            string? faultText = parse.GetValue(faults);
            SimInput.Faults(faultText, members, 1); // check the script before running anything
            if (SimInput.Seeds(parse, seeds) is { } range)
            {
                SweepResult sweep = Sweep.Run(range, s => Run(members, r, s, SimInput.Faults(faultText, members, s), trace: false), res => res.EndTime.TotalMilliseconds);
                return Report(context, parse.GetValue(json), sweep);
            }

            int chosen = parse.GetValue(seed);
            SimulationResult result = Run(members, r, chosen, SimInput.Faults(faultText, members, chosen), trace: parse.GetValue(svg) is not null);
            if (parse.GetValue(svg) is { } file)
            {
                AtomicFile.Write(file, SpaceTimeRenderer.Render(SpaceTimePictures.FromRun(result, $"ping-pong, {n} nodes, {r} rounds")));
            }

            RealOutcome? realRun = parse.GetValue(real) ? RunReal(members, r, result) : null;
            long expected = 2L * r * n * (n - 1);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    seed = chosen,
                    nodes = n,
                    rounds = r,
                    done = result.Observations.Count,
                    messages = result.Counters.Sent,
                    messages_theory = expected,
                    delivered = result.Counters.Delivered,
                    dropped = result.Counters.Dropped,
                    end_ms = result.EndTime.TotalMilliseconds,
                    violations = result.Violations.Select(v => v.ToString()),
                    real = realRun,
                });
                return ArbiterApp.Ok;
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {chosen}: {result.Observations.Count} of {n} nodes done at {result.EndTime.TotalMilliseconds:0.###} ms; {result.Counters.Sent} messages sent (theory without faults: {expected}), {result.Counters.Delivered} delivered, {result.Counters.Dropped} dropped; {result.Violations.Count} violations"));
            if (realRun is not null)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"real: {realRun.Done} of {realRun.Processes} processes done over TCP in {realRun.WallMs:0} ms wall; same outcomes as the simulator: {(realRun.SameOutcomesAsSimulator ? "yes" : "no")}"));
                foreach (string error in realRun.Errors)
                {
                    context.Out.WriteLine($"real: {error}");
                }
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static SimulationResult Run(IReadOnlyList<int> members, int rounds, int seed, FaultSchedule schedule, bool trace)
    {
        int peers = members.Count - 1;
        var noOvercount = Invariant.OnObservations<PingMessage, NoRecord>("no-overcount",
            o => o.Value is PingPongDone d && d.Pongs > rounds * peers ? $"node {d.Node} counted {d.Pongs} answers for {rounds * peers} pings" : null);
        return new Simulation<PingMessage, NoRecord>(new SimulationOptions<PingMessage, NoRecord>
        {
            Seed = seed,
            Nodes = members,
            NodeFactory = _ => new PingPongNode(rounds),
            Faults = schedule,
            Invariants = [noOvercount],
            RecordTrace = trace,
            Until = TimeSpan.FromMinutes(10),
        }).Run();
    }

    private static RealOutcome RunReal(IReadOnlyList<int> members, int rounds, SimulationResult simulated)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var cluster = RealRun.Launch("ping", members, new Dictionary<string, string> { ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture) });
        try
        {
            bool finished = cluster.WaitAsync(o => o.Count >= members.Count, TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            var exits = cluster.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            var real = cluster.Observations.Select(o => $"{o.Node} {o.Canonical}").Order().ToList();
            var sim = simulated.Observations.Select(o => $"{o.Node} {NodeObservation.CanonicalOf(o.Value)}").Order().ToList();
            return new RealOutcome(members.Count, finished, real.Count, real.SequenceEqual(sim), Math.Round(started.Elapsed.TotalMilliseconds, 1),
                [.. exits.Values.Select(e => e.ExitCode)], [.. exits.Where(e => e.Value.Errors.Length > 0).Select(e => $"node {e.Key}: {e.Value.Errors}")]);
        }
        finally
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int Report(CliContext context, bool json, SweepResult sweep)
    {
        if (json)
        {
            context.Json(new
            {
                seeds = sweep.Seeds.ToString(),
                runs = sweep.Runs.Count,
                violations = sweep.ViolationCount,
                failing_seeds = sweep.Failures.Select(f => f.Seed),
                first_violation = sweep.Failures.Count > 0 ? sweep.Failures[0].Violations[0].ToString() : null,
                worst = sweep.Worst is { } w ? new { seed = w.Seed, end_ms = w.Metric } : null,
            });
        }
        else
        {
            context.Out.WriteLine(sweep.Summary() + " (metric: end time in ms)");
        }

        return ArbiterApp.Ok;
    }

    private sealed record RealOutcome(int Processes, bool Finished, int Done, bool SameOutcomesAsSimulator, double WallMs, int[] ExitCodes, string[] Errors);
}
