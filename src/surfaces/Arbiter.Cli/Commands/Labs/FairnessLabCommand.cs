using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Sync.Labs;
using Spectre.Console;

using static Arbiter.Cli.Commands.Labs.LabInput;

namespace Arbiter.Cli.Commands.Labs;

/// <summary><c>arbiter lab fairness</c>: bypass counts and tail waits of the production primitives, measured on real threads.</summary>
internal static class FairnessLabCommand
{
    private static readonly string[] PrimitiveNames = ["mutex", "semaphore", "rwlock"];

    public static Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var primitive = new Option<string?>("--primitive", "-p") { Description = "mutex | semaphore | rwlock (default: all of them)" };
        var handoff = new Option<bool>("--handoff") { Description = "Only the FIFO hand-off variants (rwlock: strictly FIFO writers)" };
        var threads = CountOption("--threads", "-t", "Contending threads", 4);
        var writers = new Option<int?>("--writers", "-w") { Description = "rwlock: how many of the threads are writers (default: half, at least one)" };
        var duration = DurationOption("How long each primitive is hammered", "1s");
        var command = new Command("fairness", """
            Fairness measured, not claimed. N threads hammer each primitive for the duration; every request draws a
            global number before it calls acquire and notes when it got in. Per primitive and policy:
              throughput    acquisitions per second
              max bypass    the most later requests that got in before one waiting request (bounded waiting:
                            small under FIFO hand-off and phase-fair, unbounded under barging and the preferring
                            rwlock policies); p99.9 bypass is the bound that held for 999 requests in 1000
              p99.9 / max   wait from request to grant (µs); requests still waiting at the end count as unserved
            A request counts from the moment it drew its number: a thread preempted before it queues can be
            overtaken even under FIFO hand-off, so on a machine with fewer cores than threads expect a few such
            bypasses there.

            Examples:
              arbiter lab fairness
              arbiter lab fairness --primitive mutex --threads 4 --duration 1s
              arbiter lab fairness --primitive rwlock --handoff --writers 1 --json
            """) { primitive, handoff, threads, writers, duration, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int n = Positive(parse, threads, max: 256);
            int? w = parse.GetValue(writers);
            if (w is < 0 || w > n)
            {
                throw new InputException($"--writers must be between 0 and --threads ({n}), got {w}");
            }

            var time = ParseDuration(parse.GetValue(duration)!, "--duration");
            string? only = Choice(parse, primitive, PrimitiveNames);
            bool fifo = parse.GetValue(handoff);
            var cases = FairnessCase.All
                .Where(c => only is null || c.PrimitiveName == only)
                .Select(c => fifo ? c with { FifoHandoff = true } : c)
                .Distinct()
                .ToList();
            var options = new FairnessOptions { Threads = n, Writers = w, Duration = time };
            var results = cases.Select(c => FairnessExperiment.Run(c, options)).ToList();

            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    threads = n,
                    duration_ms = time.TotalMilliseconds,
                    results = results.Select(r => new
                    {
                        primitive = r.Primitive,
                        policy = r.Policy,
                        elapsed_ms = Math.Round(r.Elapsed.TotalMilliseconds, 1),
                        truncated = r.Truncated,
                        violations = r.Violations,
                        roles = r.Roles.Select(RoleDocument),
                    }),
                });
            }
            else
            {
                Render(context.Console, n, time, results);
            }

            return Safety(context, results.Sum(r => r.Violations));
        }));
        return command;
    }

    /// <summary>The JSON form of one role's numbers (shared with the readers-writers lab).</summary>
    public static object RoleDocument(FairnessRoleResult r) => new
    {
        role = r.Role,
        threads = r.Threads,
        acquisitions = r.Acquisitions,
        unserved = r.Unserved,
        throughput_per_second = Math.Round(r.ThroughputPerSecond),
        max_bypass = r.MaxBypass,
        p999_bypass = r.P999Bypass,
        p999_wait_us = r.P999WaitMicroseconds,
        max_wait_us = r.MaxWaitMicroseconds,
        mean_wait_us = r.MeanWaitMicroseconds,
    };

    /// <summary>Exit 0, or 1 with one line when a primitive's safety was seen broken (a bug in the primitive, not bad input).</summary>
    public static int Safety(CliContext context, long violations)
    {
        if (violations == 0)
        {
            return ArbiterApp.Ok;
        }

        context.Err.WriteLine($"arbiter: internal error: {violations} safety violation(s) observed inside a primitive");
        return ArbiterApp.Fault;
    }

    private static void Render(IAnsiConsole console, int threads, TimeSpan duration, List<FairnessResult> results)
    {
        console.MarkupLine($"Fairness: {threads} threads, {Seconds(duration)} per primitive and policy");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns(Text("primitive"), Text("policy"), Text("role"))
            .AddColumns(Right("acquired"), Right("ops/s"), Right("max bypass"), Right("p99.9 bypass"), Right("p99.9 wait µs"), Right("max wait µs"), Right("unserved"));
        foreach (var r in results)
        {
            foreach (var role in r.Roles)
            {
                table.AddRow(r.Primitive, Markup.Escape(r.Policy), role.Role, Num(role.Acquisitions), Num(role.ThroughputPerSecond), Num(role.MaxBypass),
                    Num(role.P999Bypass), Num(role.P999WaitMicroseconds), Num(role.MaxWaitMicroseconds), Num(role.Unserved));
            }
        }

        console.Write(table);
        long violations = results.Sum(r => r.Violations);
        console.MarkupLine(violations == 0
            ? "Safety checked inside every critical section: [green]no violation[/]."
            : $"[red]{violations} safety violation(s)[/] observed.");
        if (results.Any(r => r.Truncated))
        {
            console.MarkupLine("Some runs stopped early: their log of acquisitions was full.");
        }
    }

    public static TableColumn Text(string header) => new TableColumn(header).NoWrap();

    public static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    public static string Num(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
