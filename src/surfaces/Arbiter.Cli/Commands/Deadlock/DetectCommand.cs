using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Deadlock;

/// <summary><c>arbiter deadlock detect FILE</c>: which processes are deadlocked right now?</summary>
internal static class DetectCommand
{
    public static Command Build(CliContext context)
    {
        var file = CommonOptions.StateFileArgument();
        var json = CommonOptions.Json();
        var command = new Command("detect", """
            Deadlock detection: the multi-instance detection algorithm (Work = Available; let every process whose
            outstanding Request fits Work finish and return its allocation; whoever is left is deadlocked), and for
            single-instance resources the cycles of the resource-allocation graph.

            Examples:
              arbiter deadlock detect examples/deadlock/detection-seed.yaml
              arbiter deadlock detect examples/deadlock/rag-exercise.yaml --json
            """) { file, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var ledger = CommonOptions.Load(parse, file);
            var result = GraphReduction.ReduceByRequest(ledger);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    deadlocked = Format.Names(ledger, result.Unfinished),
                    finish_order = Format.Names(ledger, result.Order),
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

    public static void Render(IAnsiConsole console, ResourceLedger ledger, ReductionResult result)
    {
        console.Write(Format.LedgerTable(ledger, showMax: false, showRequest: true));
        console.Write(ReductionTable.Build(ledger, GraphReduction.ExplainByRequest(ledger), "Request"));
        if (result.AllFinish)
        {
            console.MarkupLine($"[green]NO DEADLOCK[/]: every process can finish, in the order {Format.Escape(Format.Sequence(Format.Names(ledger, result.Order)))}");
        }
        else
        {
            console.MarkupLine($"[red]DEADLOCK[/]: {Format.Escape(string.Join(", ", Format.Names(ledger, result.Unfinished)))} can never finish");
        }
    }
}
