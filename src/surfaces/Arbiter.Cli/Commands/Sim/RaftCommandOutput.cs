using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Check;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Store.Replication.Sim;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>What <c>arbiter sim raft</c> prints for one run: a summary (or one JSON document) and, on a violation, the evidence.</summary>
internal static class RaftCommandOutput
{
    public static void Write(CliContext context, bool json, SimRaftReport report, string? faults, string? historyFile)
    {
        SimRaftOptions o = report.Options;
        var check = report.Check;
        if (json)
        {
            context.Json(new
            {
                servers = o.Servers,
                clients = o.Clients,
                seed = o.Seed,
                operations = o.Operations,
                keys = o.Keys,
                read_mode = Mode(o.ReadMode),
                parallel_write = o.LeaderWritesInParallel,
                disk_latency_ms = DiskMs(o),
                faults = string.IsNullOrWhiteSpace(faults) ? null : o.Faults.ToString(),
                ok = report.Count(OperationStatus.Ok),
                fail = report.Count(OperationStatus.Fail),
                unknown = report.Count(OperationStatus.Unknown),
                leaders_elected = report.Leaders.Count,
                leader_changes = Math.Max(0, report.Leaders.Count - 1),
                messages = report.Result.Counters.Sent,
                dropped = report.Result.Counters.Dropped,
                end_ms = Math.Round(report.Result.EndTime.TotalMilliseconds, 3),
                raft_invariants_held = report.Result.Passed,
                raft_violations = report.Result.Violations.Select(v => v.ToString()),
                converged = report.Converged,
                replicas_equal = report.ReplicasEqual,
                history = historyFile,
                violations = report.Violations,
                linearizability = LinearizabilityDocument.Build(historyFile ?? "", check, CheckOptions.DefaultMaxSteps),
            });
            return;
        }

        var w = context.Out;
        w.WriteLine(Text($"sim raft: {o.Servers} servers, {o.Clients} clients, {o.Operations} operations on {o.Keys} key(s), {Mode(o.ReadMode)} reads{Disk(o)}, seed {o.Seed}"));
        w.WriteLine(string.IsNullOrWhiteSpace(faults) ? "faults: none" : Text($"faults: {o.Faults.Faults.Count} ({(faults.Trim().Equals("random", StringComparison.OrdinalIgnoreCase) ? "random nemesis; lossy, reordering network" : "scripted")})"));
        w.WriteLine(Text($"operations: {report.Count(OperationStatus.Ok)} ok, {report.Count(OperationStatus.Fail)} fail, {report.Count(OperationStatus.Unknown)} unknown{(historyFile is null ? "" : $" (history: {historyFile})")}"));
        w.WriteLine(Text($"leaders: {report.Leaders.Count} elected ({string.Join(", ", report.Leaders.OrderBy(l => l.Key).Select(l => $"term {l.Key}: {l.Value}"))})"));
        w.WriteLine(Text($"messages: {report.Result.Counters.Sent} sent, {report.Result.Counters.Dropped} dropped; virtual time {report.Result.EndTime.TotalMilliseconds:0} ms"));
        w.WriteLine(report.Result.Passed
            ? "raft invariants: held (election safety, log matching, leader completeness, state-machine safety)"
            : $"raft invariants: VIOLATION: {report.Result.Violations[0]}");
        w.WriteLine(report.ReplicasEqual ? "replicas: converged, store snapshots byte-equal" : report.Converged ? "replicas: converged but store snapshots DIFFER" : "replicas: not converged by the end");
        w.WriteLine(Text($"linearizability: {LinearizabilityCommand.Name(check.Verdict)} ({check.Steps} search steps)"));
        foreach (KeyResult key in check.Keys)
        {
            w.WriteLine(Text($"  {key.Key}: {LinearizabilityCommand.Name(key.Verdict)}, {key.Operations.Count} operations"));
            if (key.Violation is { } v)
            {
                Evidence(w, check.History, v);
            }
        }
    }

    private static void Evidence(TextWriter w, IReadOnlyList<HistoryOperation> history, ViolationEvidence v)
    {
        w.WriteLine(Text($"    longest linearizable prefix: {v.LongestPrefix.Count} operations, leaving the key {HistoryOperation.Show(v.ValueAfterPrefix)}"));
        foreach (int i in v.LongestPrefix.TakeLast(3))
        {
            w.WriteLine(Text($"      … {Describe(history[i])}"));
        }

        w.WriteLine("    none of these can come next:");
        foreach (StuckOperation s in v.Stuck)
        {
            w.WriteLine(Text($"      {Describe(history[s.Index])}: {s.Reason}"));
        }
    }

    private static string Describe(HistoryOperation op) =>
        Text($"line {op.Line}: client {op.Client} {op} {LinearizabilityCommand.Interval(op)}");

    /// <summary>", leaders write in parallel, disk 5 ms" for the non-default disk settings; empty for the defaults.</summary>
    public static string Disk(SimRaftOptions o) =>
        (o.LeaderWritesInParallel ? ", leaders write in parallel" : "")
        + (o.DiskLatency > TimeSpan.Zero ? Text($", disk {o.DiskLatency.TotalMilliseconds:0.###} ms") : "");

    /// <summary>--disk-latency in milliseconds, as the JSON documents carry it.</summary>
    public static double DiskMs(SimRaftOptions o) => Math.Round(o.DiskLatency.TotalMilliseconds, 3);

    public static string Mode(RaftReadMode mode) => mode.ToString().ToLowerInvariant();

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
