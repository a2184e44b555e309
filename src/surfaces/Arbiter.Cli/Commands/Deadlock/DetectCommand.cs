using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Core.Deadlock.Detection;
using Arbiter.Core.Deadlock.Graphs;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Deadlock;

/// <summary><c>arbiter deadlock detect FILE</c>: which processes are deadlocked right now?</summary>
internal static class DetectCommand
{
    /// <summary>Cycles listed at most; a dense graph can have exponentially many.</summary>
    public const int CycleLimit = 1000;

    public static Command Build(CliContext context)
    {
        var file = CommonOptions.StateFileArgument();
        var json = CommonOptions.Json();
        var command = new Command("detect", """
            Deadlock detection: the multi-instance detection algorithm (Work = Available; let every process whose
            outstanding Request fits Work finish and return its allocation; whoever is left is deadlocked), and the
            cycles of the resource-allocation graph. With one instance per resource a cycle is a deadlock; with
            several it is only a warning sign, and the algorithm decides.

            Examples:
              arbiter deadlock detect examples/deadlock/detection-seed.yaml
              arbiter deadlock detect examples/deadlock/rag-exercise.yaml --json
            """) { file, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var ledger = CommonOptions.Load(parse, file);
            var analysis = Analyse(ledger);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    deadlocked = Format.Names(ledger, analysis.Detection.Deadlocked),
                    finish_order = Format.Names(ledger, analysis.Detection.FinishOrder),
                    cycles = analysis.Cycles.Cycles.Select(c => c.Select(id => analysis.Graph.Nodes[id].Name)),
                    cycles_truncated = analysis.Cycles.Truncated,
                    single_instance = ledger.IsSingleInstance,
                });
            }
            else
            {
                Render(context.Console, ledger, analysis);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    /// <summary>Detection verdict plus the resource-allocation graph and its cycles.</summary>
    public sealed record Analysis(DetectionResult Detection, ResourceAllocationGraph Graph, Core.Graphs.CycleListing Cycles);

    public static Analysis Analyse(ResourceLedger ledger)
    {
        var graph = ResourceAllocationGraph.From(ledger);
        return new Analysis(DeadlockDetector.Detect(ledger), graph, graph.Cycles(CycleLimit));
    }

    /// <summary>"cycle P1 → R1 → P2 → R2 → P1" or "2 cycles: …", or "" when the graph is acyclic.</summary>
    public static string CycleSummary(Analysis analysis)
    {
        var (graph, cycles) = (analysis.Graph, analysis.Cycles);
        if (cycles.Count == 0)
        {
            return "";
        }

        string list = string.Join("; ", cycles.Cycles.Take(5).Select(graph.Describe));
        return cycles.Count == 1 ? $"RAG cycle {list}" : $"{cycles.Count}{(cycles.Truncated ? "+" : "")} RAG cycles: {list}{(cycles.Count > 5 ? "; …" : "")}";
    }

    public static void Render(IAnsiConsole console, ResourceLedger ledger, Analysis analysis)
    {
        var result = analysis.Detection;
        console.Write(Format.LedgerTable(ledger, showMax: false, showRequest: true));
        console.Write(ReductionTable.Build(ledger, GraphReduction.ExplainByRequest(ledger), "Request"));
        if (!result.HasDeadlock)
        {
            console.MarkupLine($"[green]NO DEADLOCK[/]: every process can finish, in the order {Format.Escape(Format.Sequence(Format.Names(ledger, result.FinishOrder)))}");
        }
        else
        {
            console.MarkupLine($"[red]DEADLOCK[/]: {Format.Escape(string.Join(", ", Format.Names(ledger, result.Deadlocked)))} can never finish");
        }

        var cycles = analysis.Cycles;
        if (cycles.Count == 0)
        {
            console.MarkupLine("Resource-allocation graph: no cycle.");
            return;
        }

        string kind = ledger.IsSingleInstance
            ? "one instance per resource, so each cycle is a deadlock"
            : result.HasDeadlock ? "several instances per resource: a cycle is necessary for deadlock, not sufficient" : "several instances per resource: a cycle, yet no deadlock";
        console.MarkupLine($"Resource-allocation graph: {cycles.Count}{(cycles.Truncated ? "+" : "")} cycle(s) ({kind}):");
        foreach (var cycle in cycles.Cycles.Take(20))
        {
            console.MarkupLine("  " + Format.Escape(analysis.Graph.Describe(cycle)));
        }

        if (cycles.Count > 20)
        {
            console.MarkupLine($"  … {cycles.Count - 20} more (see --json)");
        }
    }
}
