using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Store.Gateway;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// <c>arbiter store locks [--graph]</c>: who holds and who waits for every lock, semaphore, reader-writer lock,
/// barrier and election across every client, and with --graph the owner → owner wait-for edges and their cycles.
/// </summary>
internal static class StoreLocksCommand
{
    public static Command Build(CliContext context)
    {
        var graph = new Option<bool>("--graph") { Description = "Also show the owner → owner wait-for edges and every cycle among them" };
        var svg = new Option<string?>("--svg") { Description = "Write the resource-allocation picture (owners, resources, holds, waits; cycles in red) to this SVG file" };
        var (command, options) = StoreOptions.Command("locks", """
            The live coordination state of Arbiter's store across every client: each resource (mutex, rwlock,
            semaphore, barrier, election) with its holders and queued waiters, and with --graph the wait-for graph
            the store's deadlock detection runs on — owner → owner edges, with every cycle listed and marked.
            (An Arbiter path: a plain etcd answers 404.)

            Examples:
              arbiter store locks
              arbiter store locks --graph
              arbiter store locks --graph --svg waits.svg
              arbiter store locks --json
            """);
        command.Options.Add(graph);
        command.Options.Add(svg);
        options.SetAction(command, context, async (parse, run) =>
        {
            string? svgPath = parse.GetValue(svg);
            if (svgPath is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(svgPath))))
            {
                throw new InputException($"--svg: {svgPath}: directory does not exist");
            }

            var view = new WaitForView(await run.Client.GraphAsync(run.Interrupted).ConfigureAwait(false));
            if (svgPath is not null)
            {
                AtomicFile.Write(svgPath, SvgRenderer.Render(view.Picture()));
            }

            if (options.IsJson(parse))
            {
                context.Json(Json(view));
            }
            else
            {
                Print(context, view, parse.GetValue(graph));
            }

            return ArbiterApp.Ok;
        });
        return command;
    }

    private static object Json(WaitForView view)
    {
        WireGraphResponse g = view.Graph;
        return new
        {
            revision = g.Header?.Revision ?? 0,
            owners = (g.Owners ?? []).Select(o => new { lease = StoreText.Lease(o.Lease), name = view.Name(o.Lease), first_seen = o.FirstSeen, victimized = o.Victimized, on_cycle = view.OnCycle(o.Lease) }),
            resources = (g.Resources ?? []).Select(r => new { name = r.Name, kind = r.Kind, capacity = r.Capacity, held_units = r.HeldUnits, waiting = r.Waiting }),
            holds = (g.Holds ?? []).Select(h => new { resource = h.Resource, lease = StoreText.Lease(h.Lease), owner = view.Name(h.Lease), units = h.Units, exclusive = h.Exclusive, token = h.Token }),
            waits = (g.Waits ?? []).Select(w => new { resource = w.Resource, lease = StoreText.Lease(w.Lease), owner = view.Name(w.Lease), units = w.Units, exclusive = w.Exclusive, since = w.Since, position = w.Position }),
            waits_for = (g.WaitsFor ?? []).Select(e => new { from = StoreText.Lease(e.From), to = StoreText.Lease(e.To), resource = e.Resource, reason = e.Reason, on_cycle = view.OnCycle(e) }),
            cycles = view.Cycles.Select(c => c.Select(StoreText.Lease)),
            cycles_truncated = view.CyclesTruncated,
            deadlocks_broken = g.DeadlocksBroken,
        };
    }

    private static void Print(CliContext context, WaitForView view, bool graph)
    {
        WireGraphResponse g = view.Graph;
        IReadOnlyList<WireGraphResource> resources = g.Resources ?? [];
        if (resources.Count == 0)
        {
            context.Out.WriteLine($"no locks, semaphores, barriers or elections held or awaited (revision {g.Header?.Revision ?? 0})");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title("resources");
            foreach (string header in (string[])["resource", "kind", "held", "holders (units, fencing token)", "waiters in order (units, since revision)"])
            {
                table.AddColumn(header);
            }

            foreach (WireGraphResource r in resources)
            {
                string holders = string.Join(", ", (g.Holds ?? []).Where(h => h.Resource == r.Name)
                    .Select(h => $"{Owner(context, view, h.Lease)} ({h.Units}{(h.Exclusive ? " excl" : "")}, #{h.Token})"));
                string waiters = string.Join(", ", (g.Waits ?? []).Where(w => w.Resource == r.Name).OrderBy(w => w.Position)
                    .Select(w => $"{Owner(context, view, w.Lease)} ({w.Units}{(w.Exclusive ? " excl" : "")}, since {w.Since})"));
                table.AddRow(Markup.Escape(r.Name ?? ""), Markup.Escape(r.Kind ?? ""),
                    string.Create(CultureInfo.InvariantCulture, $"{r.HeldUnits}/{r.Capacity}"), holders.Length == 0 ? "-" : holders, waiters.Length == 0 ? "-" : waiters);
            }

            context.Console.Write(table);
        }

        if (graph)
        {
            IReadOnlyList<WireWaitsFor> edges = g.WaitsFor ?? [];
            if (edges.Count == 0)
            {
                context.Out.WriteLine("wait-for graph: no owner waits for another");
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).Title("wait-for graph (owner → owner)");
                foreach (string header in (string[])["waiter", "waits for", "on", "because", "cycle"])
                {
                    table.AddColumn(header);
                }

                foreach (WireWaitsFor e in edges)
                {
                    bool hot = view.OnCycle(e);
                    table.AddRow(Owner(context, view, e.From), Owner(context, view, e.To), Markup.Escape(e.Resource ?? ""),
                        Markup.Escape(e.Reason ?? ""), hot ? Hot(context, "CYCLE") : "");
                }

                context.Console.Write(table);
            }

            foreach (IReadOnlyList<long> cycle in view.Cycles)
            {
                context.Console.MarkupLine(Hot(context, "deadlock cycle: " + Markup.Escape(view.Describe(cycle))));
            }

            if (view.CyclesTruncated)
            {
                context.Out.WriteLine("(more cycles not listed)");
            }
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(g.Owners ?? []).Count} owners, {resources.Count} resources, {(g.Waits ?? []).Count} waits, {view.Cycles.Count} cycles; deadlocks broken so far: {g.DeadlocksBroken} (revision {g.Header?.Revision ?? 0})"));
    }

    private static string Owner(CliContext context, WaitForView view, long lease)
    {
        string text = Markup.Escape($"{view.Name(lease)} [{StoreText.Lease(lease)}]");
        return view.OnCycle(lease) && context.IsTerminal ? $"[red]{text}[/]" : text;
    }

    private static string Hot(CliContext context, string text) => context.IsTerminal ? $"[bold red]{text}[/]" : text;
}
