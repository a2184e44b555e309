using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Sync.Labs;
using Arbiter.Sync.Tracking;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Labs;

/// <summary><c>arbiter lab philosophers</c>: the dining philosophers on real threads, watched by the tracker.</summary>
internal static class PhilosophersLabCommand
{
    private static readonly string[] Strategies = ["naive", "ordered", "waiter", "chandy-misra"];

    public static Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var seats = new Option<int>("--seats") { Description = "Philosophers around the table (2–64)", DefaultValueFactory = _ => 5 };
        var strategy = new Option<string?>("--strategy") { Description = "naive | ordered | waiter | chandy-misra (default naive)" };
        var duration = new Option<string>("--duration") { Description = "How long they dine (e.g. 2s, 500ms; at most 60s)", DefaultValueFactory = _ => "2s" };
        var pause = new Option<string>("--pause") { Description = "Time between picking up the first and the second fork", DefaultValueFactory = _ => "1ms" };
        var interval = new Option<string>("--watchdog") { Description = "Deadlock watchdog scan interval", DefaultValueFactory = _ => "50ms" };
        var seed = new Option<int>("--seed") { Description = "Seed of the think and eat times", DefaultValueFactory = _ => 1 };
        var command = new Command("philosophers", """
            The dining philosophers (seed week 2) on real threads with Arbiter's mutexes, under the lock tracker.
            naive: left fork then right — it deadlocks; the watchdog finds the cycle of philosophers and forks and
            makes one philosopher put its fork down (recovery), and the validator reports the circular fork order
            even on runs that happen not to deadlock. ordered: lower-numbered fork first (no circular wait).
            waiter: at most seats−1 reach for forks (a counting semaphore). chandy-misra: clean and dirty forks.
            Reports meals per philosopher, the longest hunger, deadlocks found and recovered.

            Examples:
              arbiter lab philosophers
              arbiter lab philosophers --strategy ordered --duration 1s
              arbiter lab philosophers --strategy chandy-misra --seats 7 --json
            """) { json, seats, strategy, duration, pause, interval, seed };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int n = parse.GetValue(seats);
            if (n is < 2 or > 64)
            {
                throw new InputException($"--seats: {n} is out of range (2–64)");
            }

            var options = new PhilosophersOptions
            {
                Seats = n,
                Strategy = (LabInput.Choice(parse, strategy, Strategies) ?? "naive") switch
                {
                    "ordered" => PhilosopherStrategy.Ordered,
                    "waiter" => PhilosopherStrategy.Waiter,
                    "chandy-misra" => PhilosopherStrategy.ChandyMisra,
                    _ => PhilosopherStrategy.Naive,
                },
                Duration = LabInput.ParseDuration(parse.GetValue(duration)!, "--duration", TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60)),
                Pause = LabInput.ParseDuration(parse.GetValue(pause)!, "--pause", TimeSpan.Zero, TimeSpan.FromSeconds(1)),
                WatchdogInterval = LabInput.ParseDuration(parse.GetValue(interval)!, "--watchdog", TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10)),
                Seed = parse.GetValue(seed),
            };
            if (!parse.GetValue(json) && context.IsTerminal)
            {
                context.Console.MarkupLine($"[dim]Dining for {LabInput.ShowDuration(options.Duration)}…[/]");
            }

            var result = PhilosophersExperiment.Run(options);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    strategy = parse.GetValue(strategy) ?? "naive",
                    seats = n,
                    duration_ms = options.Duration.TotalMilliseconds,
                    total_meals = result.TotalMeals,
                    philosophers = Enumerable.Range(0, n).Select(i => new
                    {
                        philosopher = i,
                        meals = result.Meals[i],
                        max_wait_ms = result.MaxWait[i].TotalMilliseconds,
                    }),
                    deadlocks = result.Deadlocks.Select(d => new
                    {
                        cycle = d.Cycle,
                        threads = d.Threads.Select(t => new { thread = t.ThreadName, waiting_for = t.WaitingFor, holding = t.Holding }),
                        victim = d.Victim,
                    }),
                    recoveries = result.Recoveries,
                    inversions = result.Inversions.Select(LockOrderLabCommand.Document),
                    meals_before_first_inversion = result.MealsBeforeFirstInversion,
                });
                return ArbiterApp.Ok;
            }

            Render(context.Console, result, parse.GetValue(strategy) ?? "naive");
            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, PhilosophersResult result, string strategy)
    {
        int n = result.Options.Seats;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{n} philosophers, {strategy}, {LabInput.ShowDuration(result.Options.Duration)}")
            .AddColumns("Philosopher", "Meals", "Longest hunger");
        for (int i = 0; i < n; i++)
        {
            table.AddRow($"philosopher {i}", result.Meals[i].ToString(System.Globalization.CultureInfo.InvariantCulture), LabInput.ShowDuration(result.MaxWait[i]));
        }

        table.AddRow("[bold]all[/]", $"[bold]{result.TotalMeals}[/]", LabInput.ShowDuration(result.MaxWait.Max()));
        console.Write(table);

        if (result.Deadlocks.Count == 0)
        {
            console.MarkupLine("[green]Watchdog: no deadlock.[/]");
        }
        else
        {
            var first = result.Deadlocks[0];
            console.MarkupLine($"[red]Watchdog: {result.Deadlocks.Count} deadlock(s) found and broken[/] ({result.Recoveries} recoveries: the victim put its fork down and tried again).");
            console.MarkupLine($"  first: {Format.Escape(string.Join(" → ", first.Cycle))}");
            foreach (var t in first.Threads)
            {
                console.MarkupLine($"    {Format.Escape(t.ThreadName)} holds {Format.Escape(string.Join(", ", t.Holding))}, waits for {Format.Escape(t.WaitingFor)}{(t.ThreadName == first.Victim ? " [bold](victim)[/]" : "")}");
            }
        }

        LockOrderLabCommand.Render(console, result.Inversions, stacks: false);
        if (result.MealsBeforeFirstInversion is int meals)
        {
            console.MarkupLine($"  (reported after {meals} meal(s), whether or not a deadlock had happened yet)");
        }
    }
}
