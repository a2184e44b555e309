using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Input;
using Arbiter.Cli.Output;
using Arbiter.Core.Deadlock.Prevention;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Deadlock;

/// <summary><c>arbiter deadlock prevent FILE</c>: check an acquisition script against the prevention policies.</summary>
internal static class PreventCommand
{
    private static readonly string[] Policies = ["ordering", "hold-and-wait", "hierarchy", "timeout", "all"];

    public static Command Build(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Acquisition script, JSON or YAML (see examples/prevention/)" };
        var policy = new Option<string?>("--policy") { Description = $"Which policy to check: {string.Join(" | ", Policies)}", DefaultValueFactory = _ => "all" };
        var timeout = new Option<int>("--timeout") { Description = "Ticks a blocked process waits before it releases all and retries", DefaultValueFactory = _ => 3 };
        var maxTicks = new Option<int>("--max-ticks") { Description = "Bound on the simulation (livelock beyond it)", DefaultValueFactory = _ => 10_000 };
        var timeline = new Option<bool>("--timeline") { Description = "Print every simulation event" };
        var json = CommonOptions.Json();
        var command = new Command("prevent", """
            Deadlock prevention as checks on a sequence of acquisitions: global resource ordering (breaks circular
            wait), hold-and-wait (all-at-once requests), lock hierarchy levels, and timeout with release-and-retry,
            simulated tick by tick on the resource ledger with and without the policy.

            Examples:
              arbiter deadlock prevent examples/prevention/two-locks.yaml
              arbiter deadlock prevent examples/prevention/dining-philosophers.yaml --policy timeout --timeout 2 --timeline
              arbiter deadlock prevent examples/prevention/dining-philosophers-ordered.yaml --policy ordering --json
            """) { file, policy, timeout, maxTicks, timeline, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string path = parse.GetValue(file)!;
            string chosen = LabInput.Choice(parse, policy, Policies) ?? "all"; // one line, not the parser's list
            int ticks = parse.GetValue(maxTicks);
            int wait = parse.GetValue(timeout);
            if (wait < 1 || ticks < 1)
            {
                throw new InputException(wait < 1 ? $"--timeout: must be at least 1 (got {wait})" : $"--max-ticks: must be at least 1 (got {ticks})");
            }

            var script = ScriptFile.Load(path);
            try
            {
                var (checks, runs) = Evaluate(script, chosen, wait, ticks);

                if (parse.GetValue(json))
                {
                    context.Json(new
                    {
                        checks = checks.Select(c => new
                        {
                            policy = c.Policy,
                            ok = c.Violations.Count == 0,
                            violations = c.Violations.Select(v => new { process = v.Process, step = v.StepIndex, resource = v.Resource, held = v.Held, explanation = v.Explanation }),
                        }),
                        simulations = runs.Select(r => new
                        {
                            timeout = r.Timeout,
                            completed = r.Completed,
                            ticks = r.Ticks,
                            retries = r.Processes.Zip(r.Retries).ToDictionary(x => x.First, x => x.Second),
                            deadlock_tick = r.DeadlockTick,
                            deadlocked = r.Deadlocked,
                            livelock = r.Livelock,
                            timeline = parse.GetValue(timeline) ? r.Timeline.Select(e => new { tick = e.Tick, process = e.Process, @event = e.Kind.ToString().ToLowerInvariant(), detail = e.Detail }) : null,
                        }),
                    });
                }
                else
                {
                    Render(context.Console, checks, runs, parse.GetValue(timeline));
                }
            }
            catch (AcquisitionScriptException e)
            {
                throw new InputException($"{path}: {(e.Field.Length > 0 ? e.Field + ": " : "")}{e.Message}", e);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The checks a policy selects ("all": ordering, hold-and-wait, and hierarchy when levels are given) and, for
    /// "timeout" and "all", the simulation without the policy and with it.
    /// </summary>
    public static (List<PreventionReport> Checks, List<TimeoutRetryReport> Runs) Evaluate(AcquisitionScript script, string policy, int timeout, int maxTicks)
    {
        var checks = new List<PreventionReport>();
        if (policy is "ordering" or "all")
        {
            checks.Add(ResourceOrdering.Check(script));
        }

        if (policy is "hold-and-wait" or "all")
        {
            checks.Add(HoldAndWait.Check(script));
        }

        if (policy is "hierarchy" || (policy == "all" && script.Levels is not null))
        {
            checks.Add(LockHierarchy.Check(script));
        }

        var runs = new List<TimeoutRetryReport>();
        if (policy is "timeout" or "all")
        {
            runs.Add(TimeoutRetry.Simulate(script, new TimeoutRetryOptions(Timeout: null, MaxTicks: maxTicks)));
            runs.Add(TimeoutRetry.Simulate(script, new TimeoutRetryOptions(Timeout: timeout, MaxTicks: maxTicks)));
        }

        return (checks, runs);
    }

    public static void Render(IAnsiConsole console, IReadOnlyList<PreventionReport> checks, IReadOnlyList<TimeoutRetryReport> runs, bool timeline)
    {
        foreach (var check in checks)
        {
            if (check.Violations.Count == 0)
            {
                console.MarkupLine($"[green]✓[/] {Format.Escape(check.Policy)}: every acquisition follows the rule");
                continue;
            }

            console.MarkupLine($"[red]✗[/] {Format.Escape(check.Policy)}: {check.Violations.Count} violation(s)");
            foreach (var v in check.Violations)
            {
                console.MarkupLine($"    {Format.Escape(v.Process)} step {v.StepIndex + 1}: {Format.Escape(v.Explanation)}");
            }
        }

        foreach (var run in runs)
        {
            string name = run.Timeout is null ? "no policy" : $"timeout {run.Timeout} ticks, release all and retry";
            string outcome = run.Completed
                ? $"[green]completed[/] in {run.Ticks} ticks"
                : run.Livelock ? $"[red]livelock[/]: no completion within {run.Ticks} ticks" : $"[red]stuck[/] after {run.Ticks} ticks";
            string deadlock = run.DeadlockTick is { } t ? $"; deadlock of {Format.Escape(string.Join(", ", run.Deadlocked))} at tick {t}" : "";
            string retries = run.Retries.Any(r => r > 0)
                ? "; retries " + string.Join(", ", run.Processes.Zip(run.Retries).Where(x => x.Second > 0).Select(x => $"{Format.Escape(x.First)}×{x.Second}"))
                : "";
            console.MarkupLine($"Simulation ({name}): {outcome}{deadlock}{retries}");
            if (timeline)
            {
                var table = new Table().Border(TableBorder.Simple).AddColumns("Tick", "Process", "Event", "Detail");
                foreach (var e in run.Timeline)
                {
                    table.AddRow(e.Tick.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Escape(e.Process), e.Kind.ToString().ToLowerInvariant(), Format.Escape(e.Detail));
                }

                console.Write(table);
            }
        }
    }
}
