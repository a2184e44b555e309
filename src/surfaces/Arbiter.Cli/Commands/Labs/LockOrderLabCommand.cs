using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Sync.Labs;
using Arbiter.Sync.Tracking;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Labs;

/// <summary><c>arbiter lab lock-order</c>: an inversion that does not deadlock in the run, caught by the validator.</summary>
internal static class LockOrderLabCommand
{
    public static Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var stacks = new Option<bool>("--stacks") { Description = "Show the stack where each order was first taken" };
        var command = new Command("lock-order", """
            A small program with a lock-order inversion: thread "transfer" takes accounts then audit-log, thread
            "audit" later takes audit-log then accounts. The threads never overlap, so the run does not deadlock —
            but the lock-order validator (Linux lockdep's method on Arbiter's incremental cycle detector) reports the
            cycle the first time the second order is seen, with the thread (and stack) that first took each order.

            Examples:
              arbiter lab lock-order
              arbiter lab lock-order --stacks
              arbiter lab lock-order --json
            """) { json, stacks };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var result = LockOrderExperiment.Run();
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    deadlocked = result.Deadlocks > 0,
                    balance = result.Balance,
                    reports = result.Reports.Select(Document),
                    edges = result.Edges.Select(EdgeDocument),
                });
                return ArbiterApp.Ok;
            }

            var console = context.Console;
            console.MarkupLine($"Ran the program: balance {result.Balance}, audit read {result.Audited}; deadlocks found by the watchdog: {result.Deadlocks}.");
            Render(console, result.Reports, parse.GetValue(stacks));
            return ArbiterApp.Ok;
        }));
        return command;
    }

    public static void Render(IAnsiConsole console, IReadOnlyList<LockOrderReport> reports, bool stacks)
    {
        if (reports.Count == 0)
        {
            console.MarkupLine("[green]Validator: no lock-order problem.[/]");
            return;
        }

        foreach (var report in reports)
        {
            console.MarkupLine($"[red]Validator:[/] {Format.Escape(report.Summary)}");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Order (held → taken)", "First taken by");
            foreach (var edge in report.Edges)
            {
                table.AddRow(Format.Escape($"{edge.From} → {edge.To}"), Format.Escape($"{edge.ThreadName} (id {edge.ThreadId})"));
            }

            console.Write(table);
            if (stacks)
            {
                foreach (var edge in report.Edges)
                {
                    console.MarkupLine($"[bold]{Format.Escape($"{edge.From} → {edge.To}")}[/] first taken at:");
                    console.WriteLine(edge.Stack ?? "   (stacks not captured)");
                }
            }
        }
    }

    public static object Document(LockOrderReport report) => new
    {
        problem = report.Problem == LockOrderProblem.Inversion ? "inversion" : "recursive-locking",
        summary = report.Summary,
        cycle = report.Cycle,
        edges = report.Edges.Select(EdgeDocument),
    };

    private static object EdgeDocument(LockOrderEdge edge) => new
    {
        from = edge.From,
        to = edge.To,
        thread = edge.ThreadName,
        thread_id = edge.ThreadId,
        stack = edge.Stack,
    };
}
