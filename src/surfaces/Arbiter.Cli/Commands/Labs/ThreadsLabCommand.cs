using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Sync.Labs;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Labs;

/// <summary><c>arbiter lab threads</c>: the seed's thread-model benchmark, kernel threads against user-level scheduling.</summary>
internal static class ThreadsLabCommand
{
    private static readonly (string Name, ThreadModel Model)[] Models =
        [("os-thread", ThreadModel.OsThread), ("thread-pool", ThreadModel.ThreadPool), ("async", ThreadModel.Async)];

    public static Command Build(CliContext context)
    {
        var model = new Option<string>("--model", "-m") { Description = "os-thread | thread-pool | async | all", DefaultValueFactory = _ => "all" };
        model.AcceptOnlyFromAmong([.. Models.Select(m => m.Name), "all"]);
        var count = new Option<int>("--count", "-n") { Description = $"Units to create, start and finish (1–{ThreadModelExperiment.MaxUnits})", DefaultValueFactory = _ => 1_000 };
        var roundTrips = new Option<int>("--round-trips", "-r") { Description = $"Ping-pong round trips for the switch cost (1–{ThreadModelExperiment.MaxRoundTrips})", DefaultValueFactory = _ => 10_000 };
        var json = CommonOptions.Json();
        var command = new Command("threads", """
            The thread-model benchmark of the seed (kernel against user-level threads), measured on this machine.
            creation: --count units are created, started and run to completion (new Thread + Start + Join; a
            thread-pool work item; an async method awaiting Task.Yield), per unit.
            switch: two units hand control back and forth --round-trips times (two OS threads blocking on
            AutoResetEvents; a chain of pool work items; two async tasks on SemaphoreSlim.WaitAsync), per hand-off.
            Numbers vary with the machine and its load; compare the models within one run.

            Examples:
              arbiter lab threads
              arbiter lab threads --model os-thread --count 2000
              arbiter lab threads --model async -n 100000 -r 100000 --json
            """) { model, count, roundTrips, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int n = parse.GetValue(count);
            int r = parse.GetValue(roundTrips);
            string chosen = parse.GetValue(model)!;
            LabInput.RequireCount("--count", n, ThreadModelExperiment.MaxUnits);
            LabInput.RequireCount("--round-trips", r, ThreadModelExperiment.MaxRoundTrips);

            var selected = Models.Where(m => chosen == "all" || m.Name == chosen).ToList();
            var results = selected.Select(m => (m.Name, Result: ThreadModelExperiment.Run(m.Model, n, r))).ToList();
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    count = n,
                    round_trips = r,
                    processors = Environment.ProcessorCount,
                    results = results.Select(x => new
                    {
                        model = x.Name,
                        creation = new
                        {
                            method = x.Result.CreationMethod,
                            units = x.Result.Units,
                            elapsed_ms = Math.Round(x.Result.CreationElapsed.TotalMilliseconds, 3),
                            ns_per_unit = Math.Round(x.Result.CreationNsPerUnit, 1),
                        },
                        context_switch = new
                        {
                            method = x.Result.SwitchMethod,
                            hand_offs = x.Result.Switches,
                            elapsed_ms = Math.Round(x.Result.SwitchElapsed.TotalMilliseconds, 3),
                            ns_per_hand_off = Math.Round(x.Result.SwitchNsPerHandOff, 1),
                        },
                    }),
                });
            }
            else
            {
                Render(context.Console, n, r, results);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, int count, int roundTrips, List<(string Name, ThreadModelResult Result)> results)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{count:N0} units created, {roundTrips:N0} round trips ({2 * roundTrips:N0} hand-offs), {Environment.ProcessorCount} cores")
            .AddColumns("model", "create + start + finish, per unit", "switch, per hand-off");
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        foreach (var (name, r) in results)
        {
            table.AddRow(name, Duration(r.CreationNsPerUnit), Duration(r.SwitchNsPerHandOff));
        }

        console.Write(table);
        foreach (var (name, r) in results)
        {
            console.MarkupLine($"{name}: creation = {Markup.Escape(r.CreationMethod)}; switch = {Markup.Escape(r.SwitchMethod)}");
        }

        if (results.Count > 1)
        {
            var slowest = results.MaxBy(x => x.Result.CreationNsPerUnit);
            var fastest = results.MinBy(x => x.Result.CreationNsPerUnit);
            double ratio = slowest.Result.CreationNsPerUnit / fastest.Result.CreationNsPerUnit;
            console.MarkupLine($"Creating a unit: {fastest.Name} is {ratio.ToString(ratio < 10 ? "0.#" : "N0", CultureInfo.InvariantCulture)}× cheaper than {slowest.Name}.");
            var slowSwitch = results.MaxBy(x => x.Result.SwitchNsPerHandOff);
            var fastSwitch = results.MinBy(x => x.Result.SwitchNsPerHandOff);
            ratio = slowSwitch.Result.SwitchNsPerHandOff / fastSwitch.Result.SwitchNsPerHandOff;
            console.MarkupLine($"Switching: {fastSwitch.Name} is {ratio.ToString(ratio < 10 ? "0.#" : "N0", CultureInfo.InvariantCulture)}× cheaper than {slowSwitch.Name}.");
        }
    }

    /// <summary>Nanoseconds as "850 ns" or "12.3 µs" or "4.1 ms".</summary>
    private static string Duration(double ns) => ns switch
    {
        < 1_000 => $"{ns.ToString("0", CultureInfo.InvariantCulture)} ns",
        < 1_000_000 => $"{(ns / 1_000).ToString("0.0", CultureInfo.InvariantCulture)} µs",
        _ => $"{(ns / 1_000_000).ToString("0.0", CultureInfo.InvariantCulture)} ms",
    };
}
