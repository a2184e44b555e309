using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Deadlock.Graphs;
using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Deadlock;

/// <summary><c>arbiter deadlock graph FILE --svg OUT | --dot OUT</c>: draw the resource-allocation (or wait-for) graph.</summary>
internal static class GraphCommand
{
    public static Command Build(CliContext context)
    {
        var file = CommonOptions.StateFileArgument();
        var json = CommonOptions.Json();
        var svg = new Option<string?>("--svg") { Description = "Write the picture as SVG (no Graphviz needed)" };
        var dot = new Option<string?>("--dot") { Description = "Write the graph in Graphviz DOT" };
        var waitFor = new Option<bool>("--wait-for") { Description = "Draw the wait-for graph (processes only) instead of the resource-allocation graph" };
        var command = new Command("graph", """
            Draws the resource-allocation graph: processes as circles, resources as boxes with one dot per instance,
            request edges (process → resource) dashed, assignment edges (resource → process) solid, cycles in red.
            --wait-for draws the wait-for graph instead (P → Q when P waits for a resource Q holds).

            Examples:
              arbiter deadlock graph examples/deadlock/rag-exercise.yaml --svg rag.svg
              arbiter deadlock graph examples/deadlock/dining-philosophers.yaml --dot rag.dot --svg rag.svg
              arbiter deadlock graph examples/deadlock/two-mutexes.yaml --wait-for --svg wfg.svg
            """) { file, svg, dot, waitFor, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string? svgPath = parse.GetValue(svg), dotPath = parse.GetValue(dot);
            if (svgPath is null && dotPath is null)
            {
                throw new InputException("give --svg FILE or --dot FILE (or both)");
            }

            var ledger = CommonOptions.Load(parse, file);
            var (picture, cycles) = parse.GetValue(waitFor) ? WaitFor(ledger) : Allocation(ledger);

            // Render everything before writing anything, so that a failure leaves no half-written output.
            string? svgText = svgPath is null ? null : SvgRenderer.Render(picture);
            string? dotText = dotPath is null ? null : DotRenderer.Render(picture);
            if (svgPath is not null)
            {
                AtomicFile.Write(svgPath, svgText!);
            }

            if (dotPath is not null)
            {
                AtomicFile.Write(dotPath, dotText!);
            }

            var written = new[] { svgPath, dotPath }.OfType<string>().ToArray();
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    graph = parse.GetValue(waitFor) ? "wait-for" : "resource-allocation",
                    nodes = picture.Nodes.Select(n => new { name = n.Label, kind = n.IsResource ? "resource" : "process", instances = n.IsResource ? n.Instances : (int?)null, on_cycle = n.Highlighted }),
                    edges = picture.Edges.Select(e => new { from = e.From, to = e.To, kind = e.Dashed ? "request" : "assignment", label = e.Label, on_cycle = e.Highlighted }),
                    cycles,
                    written,
                });
            }
            else
            {
                context.Console.MarkupLine($"{Format.Escape(picture.Title)}: {picture.Nodes.Count} nodes, {picture.Edges.Count} edges, {cycles.Count} cycle(s); wrote {Format.Escape(string.Join(", ", written))}");
                foreach (var cycle in cycles.Take(10))
                {
                    context.Console.MarkupLine("  " + Format.Escape(string.Join(" → ", cycle.Append(cycle[0]))));
                }
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    public static (GraphPicture Picture, List<string[]> Cycles) Allocation(ResourceLedger ledger)
    {
        var graph = ResourceAllocationGraph.From(ledger);
        var cycles = graph.Cycles(DetectCommand.CycleLimit).Cycles.Select(c => c.Select(id => graph.Nodes[id].Name).ToArray()).ToList();
        var nodes = graph.Nodes.Select(n => new PictureNode(n.Name, n.Name, n.Kind == GraphNodeKind.Resource, n.Instances, n.OnCycle)).ToList();
        var edges = graph.Edges.Select(e => new PictureEdge(
            graph.Nodes[e.From].Name, graph.Nodes[e.To].Name, e.Count > 1 ? $"×{e.Count}" : null, e.Kind == GraphEdgeKind.Request, e.OnCycle)).ToList();
        return (new GraphPicture("Resource-allocation graph", nodes, edges, Notes(ledger, cycles.Count)), cycles);
    }

    public static (GraphPicture Picture, List<string[]> Cycles) WaitFor(ResourceLedger ledger)
    {
        var graph = WaitForGraph.From(ledger);
        var cycles = graph.Cycles(DetectCommand.CycleLimit).Cycles.Select(c => c.Select(id => graph.Nodes[id].Name).ToArray()).ToList();
        var nodes = graph.Nodes.Select(n => new PictureNode(n.Name, n.Name, false, 0, n.OnCycle)).ToList();
        var edges = graph.Edges.Select(e => new PictureEdge(
            graph.Nodes[e.From].Name, graph.Nodes[e.To].Name, string.Join(",", e.Resources.Select(r => ledger.ResourceNames[r])), false, e.OnCycle)).ToList();
        return (new GraphPicture("Wait-for graph", nodes, edges, Notes(ledger, cycles.Count)), cycles);
    }

    private static string[] Notes(ResourceLedger ledger, int cycles) => cycles == 0
        ? ["No cycle: no deadlock."]
        : ledger.IsSingleInstance
            ? ["One instance per resource: a cycle means deadlock."]
            : ["Several instances per resource: a cycle is necessary for deadlock, not sufficient."];
}
