using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Distributed.Clocks;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// <c>arbiter sim clocks</c>: Lamport and vector timestamps of every event of a list of messages and local events
/// (the seed's exercise), with happened-before or concurrency between every pair.
/// </summary>
internal static class ClocksCommand
{
    private const int MaxMatrix = 24;

    public static Command Build(CliContext context)
    {
        var events = new Option<string>("--events", "-e")
        {
            Description = "Steps in order: 'P1->P2' (a message, sent then received), 'P1' or 'P1.label' (a local event), 'P1->P2:m' (a labelled message); separated by commas",
            Required = true,
        };
        var json = CommonOptions.Json();
        var svg = SimInput.SvgOption();
        var command = new Command("clocks", """
            Lamport and vector timestamps of every event of a run written as steps, and happened-before (→) or
            concurrency (∥) between every pair of events. A message 'P1->P2' is sent by P1 and received by P2 before
            the next step; 'P3' or 'P3.x' is an event local to P3. Events are named P<process>.<n> (the n-th event of
            that process). Rules: Lamport 1978 (tick before each event; a receive takes max(local, message) + 1);
            vectors: Fidge 1988 / Mattern 1989 (a → b exactly when V(a) < V(b)).

            Examples:
              arbiter sim clocks --events "P1->P2, P2->P3, P3->P1"
              arbiter sim clocks --events "P1.a, P2->P1, P3.b, P1->P3" --json
              arbiter sim clocks -e "P1->P2:req, P2->P1:ok" --svg clocks.svg
            """) { events, json, svg };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var (processes, steps) = ClocksEventList.Parse(parse.GetValue(events)!);
            var timeline = LogicalTimeline.Build(processes, steps);
            if (parse.GetValue(svg) is { } file)
            {
                AtomicFile.Write(file, SpaceTimeRenderer.Render(SpaceTimePictures.FromTimeline(timeline, "Lamport and vector clocks")));
            }

            if (parse.GetValue(json))
            {
                context.Json(Document(timeline));
            }
            else
            {
                Render(context.Console, timeline);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static object Document(LogicalTimeline timeline) => new
    {
        processes = timeline.Processes,
        events = timeline.Events.Select(e => new
        {
            name = e.Name,
            process = e.Process,
            kind = e.Kind.ToString().ToLowerInvariant(),
            peer = e.Peer == 0 ? (int?)null : e.Peer,
            message = e.Message == 0 ? (int?)null : e.Message,
            label = e.Label,
            lamport = e.Lamport,
            vector = e.Vector.Entries,
        }),
        pairs = Pairs(timeline).Select(p => new { a = p.A, b = p.B, relation = p.Relation }),
    };

    private static IEnumerable<(string A, string B, string Relation)> Pairs(LogicalTimeline timeline)
    {
        for (int a = 0; a < timeline.Events.Count; a++)
        {
            for (int b = a + 1; b < timeline.Events.Count; b++)
            {
                string relation = timeline.Relation(a, b) switch
                {
                    PartialOrder.Before => "happened_before",
                    PartialOrder.After => "happened_after",
                    _ => "concurrent",
                };
                yield return (timeline.Events[a].Name, timeline.Events[b].Name, relation);
            }
        }
    }

    private static void Render(IAnsiConsole console, LogicalTimeline timeline)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"{timeline.Events.Count} events on {timeline.Processes} processes")
            .AddColumns("event", "what", "Lamport", "vector");
        table.Columns[2].RightAligned();
        foreach (TimelineEvent e in timeline.Events)
        {
            string what = e.Kind switch
            {
                TimelineEventKind.Send => $"send m{e.Message} to P{e.Peer}",
                TimelineEventKind.Receive => $"receive m{e.Message} from P{e.Peer}",
                _ => "local",
            } + (e.Label is null ? "" : $" ({e.Label})");
            table.AddRow(e.Name, Markup.Escape(what), e.Lamport.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(e.Vector.ToString()));
        }

        console.Write(table);
        var pairs = Pairs(timeline).ToList();
        if (timeline.Events.Count <= MaxMatrix)
        {
            var matrix = new Table().Border(TableBorder.Rounded).Title("happened-before (→ row before column, ∥ concurrent)").AddColumn("");
            foreach (TimelineEvent e in timeline.Events)
            {
                matrix.AddColumn(new TableColumn(e.Name).Centered());
            }

            for (int a = 0; a < timeline.Events.Count; a++)
            {
                var cells = new List<string> { timeline.Events[a].Name };
                for (int b = 0; b < timeline.Events.Count; b++)
                {
                    cells.Add(timeline.Relation(a, b) switch
                    {
                        PartialOrder.Before => "→",
                        PartialOrder.After => "←",
                        PartialOrder.Equal => "·",
                        _ => "∥",
                    });
                }

                matrix.AddRow([.. cells]);
            }

            console.Write(matrix);
        }

        int concurrent = pairs.Count(p => p.Relation == "concurrent");
        console.WriteLine($"{pairs.Count} pairs: {pairs.Count - concurrent} ordered by happened-before, {concurrent} concurrent.");
        var lamportOnly = pairs.Where(p => p.Relation == "concurrent").Select(p => (A: Find(timeline, p.A), B: Find(timeline, p.B)))
            .FirstOrDefault(p => p.A.Lamport != p.B.Lamport);
        if (lamportOnly.A is not null)
        {
            var (lo, hi) = lamportOnly.A.Lamport < lamportOnly.B.Lamport ? (lamportOnly.A, lamportOnly.B) : (lamportOnly.B, lamportOnly.A);
            console.WriteLine($"Lamport alone cannot tell: {lo.Name} (L={lo.Lamport}) < {hi.Name} (L={hi.Lamport}), yet they are concurrent ({lo.Vector} ∥ {hi.Vector}).");
        }
    }

    private static TimelineEvent Find(LogicalTimeline timeline, string name) => timeline.Events.First(e => e.Name == name);
}
