using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Sync.Labs;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Labs;

/// <summary><c>arbiter lab race</c>: the seed's counter race on real threads, unprotected and under every lock.</summary>
internal static class RaceLabCommand
{
    public static Command Build(CliContext context)
    {
        var threads = new Option<int>("--threads", "-t") { Description = $"OS threads racing (1–{RaceExperiment.MaxThreads})", DefaultValueFactory = _ => 2 };
        var iterations = new Option<long>("--iterations", "-n") { Description = "Increments per thread", DefaultValueFactory = _ => 100_000 };
        var lockName = new Option<string>("--lock", "-l") { Description = $"{string.Join(" | ", RaceLocks.Names)} | all", DefaultValueFactory = _ => "none" };
        lockName.AcceptOnlyFromAmong([.. RaceLocks.Names, "all"]);
        var json = CommonOptions.Json();
        var command = new Command("race", """
            The race condition of seed week 1, on real OS threads: each thread runs counter++ (a read, an add and a
            separate write) --iterations times on one shared counter, inside the critical section of --lock.
            With --lock none the lost updates are real, not simulated; every lock must end with lost updates = 0.
            Threads that never run at the same time cannot lose an update, so a run without a lock that lost none is
            repeated (up to 5 attempts); "together" is how long at least two threads were in their loops at once.
            Locks: mutex (blocking), tas, ttas, ticket (FIFO), cas (exponential backoff), peterson (2 threads only),
            bakery (FIFO, n threads); all runs each in turn. ns/increment is wall time over all increments;
            hand-offs counts how often the critical section passed to a different thread (fairness: a FIFO lock
            takes turns, test-and-set may let one thread in again and again while the others spin).

            Examples:
              arbiter lab race
              arbiter lab race --threads 2 --iterations 100000 --lock mutex
              arbiter lab race --lock all
              arbiter lab race -t 4 -n 50000 --lock ticket --json
            """) { threads, iterations, lockName, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int t = parse.GetValue(threads);
            long n = parse.GetValue(iterations);
            string chosen = parse.GetValue(lockName)!;
            LabInput.RequireCount("--threads", t, RaceExperiment.MaxThreads);
            LabInput.RequireCount("--iterations", n, 1_000_000_000);

            if (chosen != "all" && RaceLocks.Unsupported(chosen, t) is { } reason)
            {
                throw new InputException($"--lock: {reason}; use --threads 2");
            }

            var names = chosen == "all" ? RaceLocks.Names : [chosen];
            var skipped = names.Where(name => RaceLocks.Unsupported(name, t) is not null).ToList();
            var results = names.Except(skipped).Select(name => RaceExperiment.Run(name, t, n)).ToList();
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    threads = t,
                    iterations = n,
                    results = results.Select(r => new
                    {
                        @lock = r.Lock,
                        description = RaceLocks.Describe(r.Lock),
                        expected = r.Expected,
                        actual = r.Actual,
                        lost_updates = r.LostUpdates,
                        hand_offs = r.Lock == "none" ? (long?)null : r.HandOffs,
                        elapsed_ms = Math.Round(r.Elapsed.TotalMilliseconds, 3),
                        ns_per_increment = Math.Round(r.NsPerIncrement, 2),
                        attempts = r.Attempts,
                        concurrent_ms = Math.Round(r.Concurrent.TotalMilliseconds, 3),
                    }),
                    skipped = skipped.Select(name => new { @lock = name, reason = RaceLocks.Unsupported(name, t) }),
                });
            }
            else
            {
                Render(context.Console, t, n, results, skipped);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, int threads, long iterations, List<RaceResult> results, List<string> skipped)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{threads} threads × {iterations:N0} increments of one shared counter")
            .AddColumns("lock", "kind", "expected", "actual", "lost updates", "hand-offs", "elapsed");
        // "together" explains a run without a lock that lost nothing; under a lock it is noise, so it stays out.
        bool together = results.Any(r => r.Lock == "none");
        if (together)
        {
            table.AddColumn("together");
        }

        table.AddColumn("ns/increment");
        foreach (var column in table.Columns.Skip(2))
        {
            column.RightAligned();
        }

        foreach (var r in results)
        {
            string lost = r.LostUpdates == 0 ? "[green]0[/]" : $"[red]{r.LostUpdates:N0}[/]";
            string handOffs = r.Lock == "none" ? "–" : $"{r.HandOffs:N0}";
            var cells = new List<string> { r.Lock, Markup.Escape(RaceLocks.Describe(r.Lock)), $"{r.Expected:N0}", $"{r.Actual:N0}", lost, handOffs, Ms(r.Elapsed) };
            if (together)
            {
                cells.Add(Ms(r.Concurrent));
            }

            cells.Add(r.NsPerIncrement.ToString("0.0", CultureInfo.InvariantCulture));
            table.AddRow([.. cells]);
        }

        console.Write(table);
        foreach (var r in results.Where(r => r.LostUpdates > 0))
        {
            double percent = 100.0 * r.LostUpdates / r.Expected;
            console.MarkupLine($"{r.Lock}: {r.LostUpdates:N0} of {r.Expected:N0} increments lost ({percent.ToString("0.#", CultureInfo.InvariantCulture)}%): two threads read the same value and both wrote value + 1.");
        }

        foreach (var r in results.Where(r => r.Lock == "none" && r.Threads > 1 && r.LostUpdates == 0))
        {
            console.MarkupLine($"none: no update was lost in {r.Attempts} attempts; the threads were in their loops together for only {Ms(r.Concurrent)} " +
                "(a busy machine or too few cores ran them one after the other). The race is real; try more --iterations.");
        }

        foreach (var r in results.Where(r => r.Attempts > 1 && r.LostUpdates > 0))
        {
            console.MarkupLine($"{r.Lock}: updates were lost on attempt {r.Attempts}; the earlier attempts ran the threads one after the other.");
        }

        foreach (string name in skipped)
        {
            console.MarkupLine($"skipped {name}: {Markup.Escape(RaceLocks.Unsupported(name, threads)!)}");
        }
    }

    private static string Ms(TimeSpan span) => $"{span.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";
}
