using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Sync.Labs;
using Spectre.Console;
using static Arbiter.Cli.Commands.Labs.FairnessLabCommand;
using static Arbiter.Cli.Commands.Labs.LabInput;

namespace Arbiter.Cli.Commands.Labs;

/// <summary><c>arbiter lab bounded-buffer</c>: the seed's producer-consumer exercise on the production BoundedBuffer.</summary>
internal static class BoundedBufferLabCommand
{
    public static Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var producers = CountOption("--producers", "-p", "Producer threads", 2);
        var consumers = CountOption("--consumers", "-c", "Consumer threads", 2);
        var capacity = CountOption("--capacity", "-n", "Buffer slots (N)", 8);
        var items = CountOption("--items", "-k", "Items to pass through (K)", 100_000);
        var consumeWork = new Option<int>("--consume-work") { Description = "Spin iterations per consumed item: a slow consumer makes producers block (default 0)" };
        var handoff = new Option<bool>("--handoff") { Description = "FIFO hand-off in the buffer's mutex and semaphores" };
        var command = new Command("bounded-buffer", """
            The bounded-buffer problem (seed week 2, exercises ①–③) on the production BoundedBuffer, built as the seed
            builds it: a mutex and two counting semaphores, empty (N) and full (0). P producers put the items
            0 … K−1, C consumers take them. Checked: every item consumed exactly once (count, a per-item bitmap and a
            checksum agree) and the buffer never held more than N. Measured: time producers spent blocked on a full
            buffer (backpressure), time consumers spent blocked on an empty one, throughput.

            Examples:
              arbiter lab bounded-buffer --producers 2 --consumers 2 --capacity 8 --items 100000
              arbiter lab bounded-buffer -p 4 -c 1 -n 2 -k 20000 --consume-work 500
              arbiter lab bounded-buffer --capacity 1 --json
            """) { producers, consumers, capacity, items, consumeWork, handoff, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int work = parse.GetValue(consumeWork);
            if (work is < 0 or > 10_000_000)
            {
                throw new InputException($"--consume-work must be between 0 and 10,000,000, got {work}");
            }

            var options = new BoundedBufferOptions
            {
                Producers = Positive(parse, producers, max: 256),
                Consumers = Positive(parse, consumers, max: 256),
                Capacity = Positive(parse, capacity, max: 10_000_000),
                Items = Positive(parse, items, max: 50_000_000),
                ConsumeWork = work,
                FifoHandoff = parse.GetValue(handoff),
            };
            var result = BoundedBufferExperiment.Run(options);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    producers = options.Producers,
                    consumers = options.Consumers,
                    capacity = result.Capacity,
                    items = result.Items,
                    consumed = result.Consumed,
                    duplicates = result.Duplicates,
                    missing = result.Missing,
                    checksum_matches = result.ExpectedChecksum == result.ActualChecksum,
                    exactly_once = result.ExactlyOnce,
                    max_occupancy = result.MaxOccupancy,
                    within_capacity = result.WithinCapacity,
                    elapsed_ms = Math.Round(result.Elapsed.TotalMilliseconds, 1),
                    items_per_second = Math.Round(result.ItemsPerSecond),
                    producers_blocked_ms = Math.Round(result.ProducersBlocked.TotalMilliseconds, 1),
                    consumers_blocked_ms = Math.Round(result.ConsumersBlocked.TotalMilliseconds, 1),
                });
            }
            else
            {
                Render(context.Console, options, result);
            }

            return Safety(context, result.ExactlyOnce && result.WithinCapacity ? 0 : 1);
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, BoundedBufferOptions options, BoundedBufferResult r)
    {
        static string Check(bool ok) => ok ? "[green]yes[/]" : "[red]NO[/]";
        console.MarkupLine($"Bounded buffer: {options.Producers} producers, {options.Consumers} consumers, N = {options.Capacity}, K = {Num(options.Items)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("check / measure", "value");
        table.AddRow("items produced", Num(r.Items));
        table.AddRow("items consumed", Num(r.Consumed));
        table.AddRow("duplicates / missing", $"{Num(r.Duplicates)} / {Num(r.Missing)}");
        table.AddRow("checksum matches", Check(r.ExpectedChecksum == r.ActualChecksum));
        table.AddRow("[bold]every item exactly once[/]", Check(r.ExactlyOnce));
        table.AddRow("max occupancy", $"{r.MaxOccupancy} of {r.Capacity}");
        table.AddRow("[bold]never above capacity[/]", Check(r.WithinCapacity));
        table.AddRow("producers blocked (sum)", $"{r.ProducersBlocked.TotalMilliseconds:N1} ms");
        table.AddRow("consumers blocked (sum)", $"{r.ConsumersBlocked.TotalMilliseconds:N1} ms");
        table.AddRow("elapsed", $"{r.Elapsed.TotalMilliseconds:N1} ms");
        table.AddRow("throughput", $"{Num(r.ItemsPerSecond)} items/s");
        console.Write(table);
    }
}
