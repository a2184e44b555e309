using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Bench;
using Arbiter.Cli.Commands.Check;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Output;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Store.Checking;

namespace Arbiter.Cli.Commands.StoreWorkload;

/// <summary>
/// <c>arbiter store workload</c>: a Jepsen-style register workload against a running store (Arbiter's or etcd),
/// recording the client history and checking it for linearizability — the client half of the kill -9 runs
/// (bench/store/kill9.sh), which crash and restart servers while it runs.
/// </summary>
internal static class StoreWorkloadCommand
{
    public static Command Build(CliContext context)
    {
        var endpoints = new Option<string>("--endpoints") { Description = "Comma-separated gateway URLs (each client fails over between them)", DefaultValueFactory = _ => "http://127.0.0.1:2379" };
        var clients = LabInput.CountOption("--clients", "-c", "Concurrent clients, one operation in flight each", 4);
        var keys = LabInput.CountOption("--keys", "-k", "Shared keys (few keys: many concurrent operations on each)", 3);
        var duration = LabInput.DurationOption("How long the clients run", "10s");
        var timeout = new Option<string>("--timeout") { Description = "Per-request timeout; a later answer counts as unknown (default 3s)", DefaultValueFactory = _ => "3s" };
        var history = new Option<string?>("--history") { Description = "Write the history as JSON lines to this file (arbiter check linearizability reads it)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the operation mix (default 1)", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var command = new Command("workload", """
            Runs --clients clients doing get, put, compare-and-set and delete on --keys shared keys for --duration,
            records every operation (call, return, ok/fail/unknown: a timeout or a cut connection is unknown, never
            retried), reads every key once more at the end, and checks the whole history for linearizability. An
            acknowledged write that the store lost makes the final reads non-linearizable. Exit 1 if not linearizable.

            Examples:
              arbiter store workload --endpoints http://127.0.0.1:2379 --duration 5s
              arbiter store workload --endpoints http://127.0.0.1:2379,http://127.0.0.1:2479,http://127.0.0.1:2579 --duration 60s --history run.jsonl
              arbiter check linearizability run.jsonl
            """) { endpoints, clients, keys, duration, timeout, history, seed, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var urls = StoreBenchCommand.ParseEndpoints(parse.GetValue(endpoints)!);
            var options = new RegisterWorkloadOptions
            {
                Clients = LabInput.Positive(parse, clients, 256),
                Keys = LabInput.Positive(parse, keys, 10_000),
                Duration = LabInput.ParseDuration(parse.GetValue(duration)!, "--duration", TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1)),
                Timeout = LabInput.ParseDuration(parse.GetValue(timeout)!, "--timeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10)),
                KeyPrefix = $"workload/{Environment.ProcessId}/",
                Seed = parse.GetValue(seed),
            };
            string? historyPath = parse.GetValue(history);
            if (historyPath is not null && Path.GetDirectoryName(Path.GetFullPath(historyPath)) is { } dir && !Directory.Exists(dir))
            {
                throw new InputException($"--history: directory '{dir}' does not exist");
            }

            Action<int>? progress = context.IsTerminal && !parse.GetValue(json) ? n => context.Err.Write($"\r{n} operations   ") : null;
            RegisterWorkloadResult result = RegisterWorkload.RunAsync(urls, options, progress).GetAwaiter().GetResult();
            if (progress is not null)
            {
                context.Err.Write("\r" + new string(' ', 30) + "\r");
            }

            if (result.Ok == 0)
            {
                throw new InputException($"--endpoints: no operation succeeded against {string.Join(",", urls)}");
            }

            if (historyPath is not null)
            {
                AtomicFile.Write(historyPath, HistoryWriter.Format(result.History));
            }

            LinearizabilityResult check = LinearizabilityChecker.Check(result.History);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    endpoints = urls.Select(u => u.ToString()),
                    clients = options.Clients,
                    keys = options.Keys,
                    operations = result.History.Count,
                    ok = result.Ok,
                    failed = result.Failed,
                    unknown = result.Unknown,
                    acknowledged_writes = result.AcknowledgedWrites,
                    final_reads = result.FinalReads.Count,
                    verdict = LinearizabilityCommand.Name(check.Verdict),
                    history = historyPath,
                });
            }
            else
            {
                context.Out.WriteLine($"operations: {result.History.Count} ({result.Ok} ok, {result.Failed} failed, {result.Unknown} unknown); acknowledged writes: {result.AcknowledgedWrites}");
                context.Out.WriteLine($"final reads: {result.FinalReads.Count} of {options.Keys} keys");
                context.Out.WriteLine($"linearizable: {LinearizabilityCommand.Name(check.Verdict)}{(historyPath is null ? "" : $" (history: {historyPath}; details: arbiter check linearizability {historyPath})")}");
            }

            return check.Verdict == LinearizabilityVerdict.NotLinearizable || result.FinalReads.Count < options.Keys ? 1 : ArbiterApp.Ok;
        }));
        return command;
    }
}
