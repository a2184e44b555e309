using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Bankers;

/// <summary><c>arbiter bankers check FILE</c>: is the state safe, and in which order can everybody finish?</summary>
internal static class BankersCheckCommand
{
    public static Command Build(CliContext context)
    {
        var file = CommonOptions.StateFileArgument();
        var json = CommonOptions.Json();
        var all = new Option<bool>("--all") { Description = $"Also count and list every safe sequence (states of at most {SafeSequences.MaxProcesses} processes)" };
        var limit = new Option<int>("--limit") { Description = "With --all, list at most this many sequences (the count stays exact)", DefaultValueFactory = _ => 100 };
        var command = new Command("check", """
            Safety check: is there an order in which every process can obtain its remaining claim (Need = Max − Allocation)
            and finish? Prints the safe sequence and the work step by step, or the processes that cannot finish.

            Examples:
              arbiter bankers check examples/deadlock/bankers-10.yaml
              arbiter bankers check examples/deadlock/bankers-10.yaml --all
              arbiter bankers check examples/deadlock/silberschatz.yaml --json
            """) { file, json, all, limit };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var ledger = CommonOptions.Load(parse, file);
            RequireClaims(ledger, parse.GetValue(file)!);
            bool everything = parse.GetValue(all);
            int max = parse.GetValue(limit);
            if (max < 0)
            {
                throw new InputException($"--limit: must not be negative (got {max})");
            }

            if (everything && ledger.ProcessCount > SafeSequences.MaxProcesses)
            {
                throw new InputException($"--all: the state has {ledger.ProcessCount} processes; enumerating safe sequences is limited to {SafeSequences.MaxProcesses}");
            }

            var result = Banker.CheckSafety(ledger);
            long? count = everything ? SafeSequences.Count(ledger) : null;
            var sequences = everything ? SafeSequences.Enumerate(ledger, max) : null;
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    safe = result.Safe,
                    sequence = Format.Names(ledger, result.Sequence),
                    unfinished = Format.Names(ledger, result.Unfinished),
                    safe_sequences = sequences?.Select(s => Format.Names(ledger, s)),
                    count,
                });
            }
            else
            {
                Render(context.Console, ledger, result);
                if (count is not null)
                {
                    context.Console.MarkupLine($"{count} safe sequence(s){(count > sequences!.Count ? $", the first {sequences.Count} in lexicographic order" : "")}:");
                    foreach (var s in sequences!)
                    {
                        context.Console.MarkupLine("  " + Format.Escape(Format.Sequence(Format.Names(ledger, s))));
                    }
                }
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    /// <summary>The Banker's algorithm needs a declared maximum claim from every process.</summary>
    public static void RequireClaims(ResourceLedger ledger, string file)
    {
        for (int p = 0; p < ledger.ProcessCount; p++)
        {
            if (!ledger.HasDeclaredMax(p))
            {
                throw new InputException($"{file}: processes[{p}].max ({ledger.ProcessName(p)}): the Banker's algorithm needs every process's maximum claim");
            }
        }
    }

    public static void Render(IAnsiConsole console, ResourceLedger ledger, SafetyResult result)
    {
        console.Write(Format.LedgerTable(ledger, showMax: true, showRequest: false));
        console.Write(ReductionTable.Build(ledger, GraphReduction.ExplainByNeed(ledger), "Need"));
        if (result.Safe)
        {
            console.MarkupLine($"[green]SAFE[/]: safe sequence {Format.Escape(Format.Sequence(Format.Names(ledger, result.Sequence)))}");
        }
        else
        {
            console.MarkupLine($"[red]UNSAFE[/]: no order lets {Format.Escape(string.Join(", ", Format.Names(ledger, result.Unfinished)))} finish" +
                (result.Sequence.Count > 0 ? $" (only {Format.Escape(string.Join(", ", Format.Names(ledger, result.Sequence)))} can)" : ""));
        }
    }
}
