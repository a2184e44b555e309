using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
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
        var command = new Command("check", """
            Safety check: is there an order in which every process can obtain its remaining claim (Need = Max − Allocation)
            and finish? Prints the safe sequence, or the processes that cannot finish.

            Examples:
              arbiter bankers check examples/deadlock/bankers-10.yaml
              arbiter bankers check examples/deadlock/silberschatz.yaml --json
            """) { file, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var ledger = CommonOptions.Load(parse, file);
            RequireClaims(ledger, parse.GetValue(file)!);
            var result = GraphReduction.ReduceByNeed(ledger);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    safe = result.AllFinish,
                    sequence = Format.Names(ledger, result.Order),
                    unfinished = Format.Names(ledger, result.Unfinished),
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

    public static void Render(IAnsiConsole console, ResourceLedger ledger, ReductionResult result)
    {
        console.Write(Format.LedgerTable(ledger, showMax: true, showRequest: false));
        console.MarkupLine($"Available {Format.ResourceHeader(ledger)}: {Format.Vector(ledger.Available)}");
        if (result.AllFinish)
        {
            console.MarkupLine($"[green]SAFE[/]: safe sequence {Format.Escape(Format.Sequence(Format.Names(ledger, result.Order)))}");
        }
        else
        {
            console.MarkupLine($"[red]UNSAFE[/]: no order lets {Format.Escape(string.Join(", ", Format.Names(ledger, result.Unfinished)))} finish" +
                (result.Order.Count > 0 ? $" (only {Format.Escape(string.Join(", ", Format.Names(ledger, result.Order)))} can)" : ""));
        }
    }
}
