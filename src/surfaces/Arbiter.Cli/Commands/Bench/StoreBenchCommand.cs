using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Store.Client;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Bench;

/// <summary>
/// <c>arbiter bench store</c>: puts then linearizable reads against any store that speaks etcd v3's JSON gateway —
/// Arbiter's or a real etcd — reporting throughput and p50/p99/p99.9 latency, so the two compare in one run.
/// </summary>
internal static class StoreBenchCommand
{
    public static Command Build(CliContext context)
    {
        var endpoints = new Option<string>("--endpoints") { Description = "Comma-separated gateway URLs, e.g. http://127.0.0.1:2379,http://127.0.0.1:2380", Required = true };
        var clients = LabInput.CountOption("--clients", "-c", "Concurrent clients, one request in flight each", 16);
        var ops = LabInput.CountOption("--ops", "-n", "Puts in all, then as many reads", 10_000);
        var valueSize = new Option<int>("--value-size") { Description = "Bytes per value (default 256)", DefaultValueFactory = _ => 256 };
        var keys = LabInput.CountOption("--keys", "-k", "Distinct keys, written round-robin", 1_000);
        var serializable = new Option<bool>("--serializable") { Description = "Serializable (local) reads instead of linearizable ones" };
        var json = CommonOptions.Json();
        var command = new Command("store", """
            Closed-loop load against a store speaking etcd v3's JSON gateway (Arbiter's store or a real etcd): --ops
            puts of --value-size bytes over --keys keys, then as many linearizable reads, from --clients concurrent
            clients. Reports requests per second and p50/p99/p99.9 latency of each phase.

            Examples:
              arbiter bench store --endpoints http://127.0.0.1:2379
              arbiter bench store --endpoints http://127.0.0.1:2379 --clients 64 --ops 50000 --value-size 256 --json
            """) { endpoints, clients, ops, valueSize, keys, serializable, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            IReadOnlyList<Uri> urls = ParseEndpoints(parse.GetValue(endpoints)!);
            int size = parse.GetValue(valueSize);
            if (size is < 0 or > 1 << 20)
            {
                throw new InputException($"--value-size: must be between 0 and {1 << 20}, got {size}");
            }

            var options = new StoreLoadOptions
            {
                Clients = LabInput.Positive(parse, clients, 4096),
                Operations = LabInput.Positive(parse, ops, 10_000_000),
                ValueSize = size,
                Keys = LabInput.Positive(parse, keys, 10_000_000),
                KeyPrefix = $"bench/{Environment.ProcessId}/",
                SerializableReads = parse.GetValue(serializable),
            };
            using var client = new StoreClient(urls);
            Action<string, long, long>? progress = context.IsTerminal && !parse.GetValue(json)
                ? (phase, done, total) => context.Err.Write($"\r{phase}: {done}/{total}   ")
                : null;
            IReadOnlyList<StoreLoadPhase> phases = StoreLoad.RunAsync(client, options, progress).GetAwaiter().GetResult();
            if (progress is not null)
            {
                context.Err.Write("\r" + new string(' ', 40) + "\r");
            }

            if (phases.All(p => p.Completed == 0))
            {
                throw new InputException($"--endpoints: no request succeeded ({phases[0].FirstError})");
            }

            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    endpoints = urls.Select(u => u.ToString()),
                    clients = options.Clients,
                    ops = options.Operations,
                    value_size = options.ValueSize,
                    keys = options.Keys,
                    phases = phases.Select(p => new
                    {
                        operation = p.Operation,
                        completed = p.Completed,
                        failed = p.Failed,
                        seconds = p.Elapsed.TotalSeconds,
                        per_second = p.PerSecond,
                        p50_ms = p.P50.TotalMilliseconds,
                        p99_ms = p.P99.TotalMilliseconds,
                        p999_ms = p.P999.TotalMilliseconds,
                        first_error = p.FirstError,
                    }),
                });
                return ArbiterApp.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (string header in (string[])["phase", "ok", "failed", "per second", "p50 ms", "p99 ms", "p99.9 ms"])
            {
                table.AddColumn(new TableColumn(header).RightAligned());
            }

            foreach (StoreLoadPhase p in phases)
            {
                table.AddRow(p.Operation, p.Completed.ToString(CultureInfo.InvariantCulture), p.Failed.ToString(CultureInfo.InvariantCulture),
                    p.PerSecond.ToString("0", CultureInfo.InvariantCulture), Ms(p.P50), Ms(p.P99), Ms(p.P999));
            }

            context.Console.Write(table);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Clients} clients, {options.Operations} ops per phase, {options.ValueSize}-byte values over {options.Keys} keys, against {string.Join(", ", urls)}"));
            foreach (StoreLoadPhase p in phases.Where(p => p.FirstError is not null))
            {
                context.Out.WriteLine($"{p.Operation}: first failure: {p.FirstError}");
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    internal static List<Uri> ParseEndpoints(string text)
    {
        var urls = new List<Uri>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part.EndsWith('/') ? part : part + "/", UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
            {
                throw new InputException($"--endpoints: '{part}' is not an http(s) URL such as http://127.0.0.1:2379");
            }

            urls.Add(url);
        }

        return urls;
    }
}
