using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;
using Arbiter.Store.Replication.Sim;

namespace Arbiter.Cli.Commands.Sim;

/// <summary><c>arbiter sim raft --seeds A..B</c>: one checked run per seed, in parallel; violations (Raft invariants and linearizability) expected 0.</summary>
internal static class RaftCommandSweep
{
    public static int Run(CliContext context, bool json, SimRaftOptions options, SeedRange seeds, Func<int, (FaultSchedule, NetworkOptions)> faults)
    {
        var runs = new (int Raft, LinearizabilityVerdict Verdict, bool Equal, int Unknown, int Leaders)[seeds.Count];
        long writesLost = 0;
        Parallel.For(0, seeds.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            int seed = seeds.First + i;
            (FaultSchedule schedule, NetworkOptions network) = faults(seed);
            SimRaftReport r = SimRaft.Run(options with { Seed = seed, Faults = schedule, Network = network });
            runs[i] = (r.Result.Violations.Count, r.Check.Verdict, r.ReplicasEqual, r.Count(OperationStatus.Unknown), r.Leaders.Count);
            Interlocked.Add(ref writesLost, r.Result.Counters.WritesLost);
        });
        int raft = runs.Sum(r => r.Raft);
        int notLinearizable = runs.Count(r => r.Verdict == LinearizabilityVerdict.NotLinearizable);
        int undecided = runs.Count(r => r.Verdict == LinearizabilityVerdict.Undecided);
        int unequal = runs.Count(r => !r.Equal);
        int? firstFailing = Enumerable.Range(0, seeds.Count).Where(i => runs[i].Raft > 0 || runs[i].Verdict == LinearizabilityVerdict.NotLinearizable)
            .Select(i => (int?)(seeds.First + i)).FirstOrDefault();
        string mode = RaftCommandOutput.Mode(options.ReadMode);
        if (json)
        {
            context.Json(new
            {
                algorithm = "raft-store",
                seeds = seeds.ToString(),
                runs = seeds.Count,
                read_mode = mode,
                parallel_write = options.LeaderWritesInParallel,
                disk_latency_ms = RaftCommandOutput.DiskMs(options),
                violations = raft + notLinearizable,
                raft_violations = raft,
                not_linearizable = notLinearizable,
                undecided,
                not_converged = unequal,
                first_failing_seed = firstFailing,
                unknown_operations = runs.Sum(r => r.Unknown),
                leaders_elected = runs.Sum(r => r.Leaders),
                writes_lost_in_crashes = writesLost,
            });
            return ArbiterApp.Ok;
        }

        var w = context.Out;
        w.WriteLine(Text($"sim raft: {seeds.Count} runs (seeds {seeds}), {options.Servers} servers, {options.Clients} clients, {options.Operations} operations each, {mode} reads{RaftCommandOutput.Disk(options)}"));
        w.WriteLine(Text($"violations: {raft + notLinearizable} (raft invariants {raft}, non-linearizable histories {notLinearizable}); undecided {undecided}; replicas not equal at the end {unequal}"));
        w.WriteLine(Text($"unknown outcomes {runs.Sum(r => r.Unknown)}, leaders elected {runs.Sum(r => r.Leaders)}{(options.DiskLatency > TimeSpan.Zero ? $", writes lost in crashes {writesLost}" : "")}"));
        w.WriteLine(firstFailing is { } f ? Text($"first failing seed: {f} (rerun it with --seed {f} to see the evidence)") : "first failing seed: none");
        return ArbiterApp.Ok;
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
