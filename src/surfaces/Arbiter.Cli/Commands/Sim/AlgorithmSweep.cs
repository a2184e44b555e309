using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// What the algorithm commands (mutex, election, paxos, 2pc, clocksync) share: reading <c>--faults</c> into a
/// scenario's faults, and running and printing a <c>--seeds</c> sweep.
/// </summary>
internal static class AlgorithmSweep
{
    /// <summary>The faults of one run: none, the random nemesis for this seed, or the script.</summary>
    public static ScenarioFaults Faults(string? text, IReadOnlyList<int> members, int seed, TimeSpan window)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ScenarioFaults.None;
        }

        if (text.Trim().Equals("random", StringComparison.OrdinalIgnoreCase))
        {
            return ScenarioFaults.Random(members, seed, window);
        }

        return new ScenarioFaults(SimInput.Faults(text, members, seed), NetworkOptions.Reliable);
    }

    /// <summary>Runs the sweep and prints it: one JSON document, or a few lines.</summary>
    public static int Run(CliContext context, bool json, string algorithm, SeedRange seeds, Func<int, SimulationResult> run,
        Func<SimulationResult, double> metric, string metricName)
    {
        var sweep = Sweep.Run(seeds, run, metric);
        var first = sweep.Failures.Count > 0 ? sweep.Failures[0].Violations[0] : null;
        if (json)
        {
            context.Json(new
            {
                algorithm,
                seeds = seeds.ToString(),
                runs = seeds.Count,
                violations = sweep.ViolationCount,
                failing_runs = sweep.Failures.Count,
                first_failing_seed = sweep.FirstFailingSeed,
                first_violation = first?.ToString(),
                worst = sweep.Worst is { } w ? new Dictionary<string, object> { ["seed"] = w.Seed, [metricName] = Math.Round(w.Metric, 3) } : null,
            });
        }
        else
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{algorithm}: {sweep.Summary()}"));
            if (sweep.Worst is { } w)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst case: seed {w.Seed}, {metricName.Replace('_', ' ')} {w.Metric:0.###} (rerun it with --seed {w.Seed})"));
            }
        }

        return ArbiterApp.Ok;
    }

    /// <summary>Violations of a run as lines.</summary>
    public static IEnumerable<string> Lines(SimulationResult result) => result.Violations.Select(v => v.ToString());
}
