using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Output;
using Arbiter.Core.Deadlock.Recovery;
using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Deadlock;

/// <summary><c>arbiter deadlock recover FILE --strategy …</c>: break a deadlock, step by step, at least cost.</summary>
internal static class RecoverCommand
{
    private static readonly string[] Strategies = ["terminate-all", "terminate-one", "preempt"];

    public static Command Build(CliContext context)
    {
        var file = CommonOptions.StateFileArgument();
        var json = CommonOptions.Json();
        var strategy = new Option<string?>("--strategy", "-s") { Description = "terminate-all | terminate-one | preempt", DefaultValueFactory = _ => "terminate-one" };
        var weights = new Option<string?>("--weights") { Description = "Victim-cost weights, e.g. priority=10,cpu_time=1,held=1,still_needed=1,rollbacks=10" };
        var command = new Command("recover", """
            Deadlock recovery. terminate-all kills every deadlocked process; terminate-one kills the cheapest victim,
            re-runs detection and repeats; preempt rolls the cheapest victim back to its checkpoint (what it took
            since is released and re-requested) and repeats. Victim cost =
              priority·w_priority + cpu_time·w_cpu_time − held·w_held − still_needed·w_still_needed + rollbacks·w_rollbacks
            (cheapest first; ties by process order). Every step and the state after are shown.

            Examples:
              arbiter deadlock recover examples/deadlock/deadlocked.yaml
              arbiter deadlock recover examples/deadlock/deadlocked.yaml --strategy preempt
              arbiter deadlock recover examples/deadlock/dining-philosophers.yaml -s terminate-all --json
            """) { file, strategy, weights, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string name = LabInput.Choice(parse, strategy, Strategies) ?? "terminate-one"; // one line, not the parser's list
            var w = ParseWeights(parse.GetValue(weights));
            var ledger = CommonOptions.Load(parse, file);
            var chosen = name switch
            {
                "terminate-all" => RecoveryStrategy.TerminateAll,
                "preempt" => RecoveryStrategy.Preempt,
                _ => RecoveryStrategy.TerminateOne,
            };
            var result = DeadlockRecovery.Recover(ledger, chosen, w);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    strategy = name,
                    deadlocked = Format.Names(ledger, result.InitiallyDeadlocked),
                    victims = result.Steps.Select(s => new
                    {
                        step = s.Number,
                        action = s.Action == RecoveryAction.Terminate ? "terminate" : "preempt",
                        process = s.VictimName,
                        cost = CostDocument(s.Cost),
                        released = s.Released,
                        deadlocked_before = Format.Names(ledger, s.DeadlockedBefore),
                        deadlocked_after = Format.Names(ledger, s.DeadlockedAfter),
                    }),
                    terminated = Format.Names(ledger, result.Terminated),
                    rolled_back = Format.Names(ledger, result.RolledBack),
                    state_after = StateDocument.From(result.Ledger),
                });
            }
            else
            {
                Render(context.Console, ledger, result);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static object CostDocument(VictimCost c) => new
    {
        total = c.Total,
        priority = c.PriorityTerm,
        cpu_time = c.CpuTimeTerm,
        held = c.HeldTerm,
        still_needed = c.StillNeededTerm,
        rollbacks = c.RollbacksTerm,
    };

    public static VictimCostWeights ParseWeights(string? text)
    {
        var weights = VictimCostWeights.Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return weights;
        }

        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || !double.IsFinite(value))
            {
                throw new InputException($"--weights: '{part}' is not name=number with a number ≥ 0");
            }

            weights = kv[0] switch
            {
                "priority" => weights with { Priority = value },
                "cpu_time" => weights with { CpuTime = value },
                "held" => weights with { Held = value },
                "still_needed" => weights with { StillNeeded = value },
                "rollbacks" => weights with { Rollbacks = value },
                _ => throw new InputException($"--weights: unknown weight '{kv[0]}' (use priority, cpu_time, held, still_needed, rollbacks)"),
            };
        }

        return weights;
    }

    public static void Render(IAnsiConsole console, ResourceLedger ledger, RecoveryResult result)
    {
        if (result.InitiallyDeadlocked.Count == 0)
        {
            console.MarkupLine("[green]NO DEADLOCK[/]: nothing to recover.");
            return;
        }

        console.MarkupLine($"Deadlocked: {Format.Escape(string.Join(", ", Format.Names(ledger, result.InitiallyDeadlocked)))}");
        foreach (var step in result.Steps)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"Step {step.Number}: {(step.Action == RecoveryAction.Terminate ? "terminate" : "preempt")} {Format.Escape(step.VictimName)}")
                .AddColumns("Candidate", "priority", "cpu_time", "held", "still_needed", "rollbacks", "[bold]cost[/]");
            foreach (var c in step.Candidates)
            {
                string mark = c.Process == step.Victim ? "[bold]→ " : "  ";
                string end = c.Process == step.Victim ? "[/]" : "";
                table.AddRow(mark + Format.Escape(c.Name) + end, Num(c.PriorityTerm), Num(c.CpuTimeTerm), Num(c.HeldTerm), Num(c.StillNeededTerm), Num(c.RollbacksTerm), mark + Num(c.Total) + end);
            }

            console.Write(table);
            string after = step.DeadlockedAfter.Count == 0 ? "[green]no deadlock remains[/]" : $"still deadlocked: {Format.Escape(string.Join(", ", Format.Names(ledger, step.DeadlockedAfter)))}";
            console.MarkupLine($"  released {Format.Vector(step.Released.ToArray())}; {after}");
        }

        console.MarkupLine($"State after {(result.Terminated.Count > 0 ? $"terminating {Format.Escape(string.Join(", ", Format.Names(ledger, result.Terminated)))}" : "")}{(result.Terminated.Count > 0 && result.RolledBack.Count > 0 ? " and " : "")}{(result.RolledBack.Count > 0 ? $"rolling back {Format.Escape(string.Join(", ", Format.Names(ledger, result.RolledBack)))}" : "")}:");
        console.Write(Format.LedgerTable(result.Ledger, showMax: false, showRequest: true));
        console.MarkupLine($"Available {Format.ResourceHeader(result.Ledger)}: {Format.Vector(result.Ledger.Available)}");
    }

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
