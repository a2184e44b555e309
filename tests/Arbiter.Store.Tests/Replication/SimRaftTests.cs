using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;
using Arbiter.Store.Replication.Sim;

namespace Arbiter.Store.Tests.Replication;

/// <summary>The replicated store on the simulator: convergence, nemesis sweeps checked for linearizability, and the checker catching stale serializable reads.</summary>
public sealed class SimRaftTests
{
    /// <summary>The teaching example: with serializable reads under the random nemesis, seed 4 reads a stale value.</summary>
    public const int StaleReadSeed = 4;

    /// <summary>Without client sessions, seed 25's duplicating network gets a write applied twice.</summary>
    public const int DuplicateSeed = 25;

    private static SimRaftReport Random(int seed, RaftReadMode mode = RaftReadMode.Linearizable, int servers = 5, int clients = 3, int operations = 200, bool sessions = true) =>
        SimRaft.Run(new SimRaftOptions
        {
            Seed = seed,
            Sessions = sessions,
            Servers = servers,
            Clients = clients,
            Operations = operations,
            ReadMode = mode,
            Faults = SimRaftFaults.Random(servers, SimRaft.ClientIds(servers, clients), seed),
            Network = SimRaftFaults.Network,
        });

    [Fact]
    public void Run_ThreeServersNoFaults_EveryOperationOkAndReplicasEqual()
    {
        SimRaftReport report = SimRaft.Run(new SimRaftOptions { Servers = 3, Clients = 2, Operations = 150, Seed = 3 });

        Assert.Empty(report.Result.Violations);
        Assert.True(report.Converged);
        Assert.True(report.ReplicasEqual);
        Assert.Equal(150, report.History.Count);
        Assert.Equal(150, report.Count(OperationStatus.Ok));
        Assert.Equal(LinearizabilityVerdict.Linearizable, report.Check.Verdict);
        // Every client's operations are in its own real-time order, and each returned after it was called.
        Assert.All(report.History, o => Assert.True(o.Return >= o.Call));
        Assert.Equal(2, report.History.Select(o => o.Client).Distinct().Count());
    }

    [Fact]
    public void Run_SnapshotsEveryFewEntries_ReplicasStillEqual()
    {
        // Snapshot every 8 entries with a follower down for a while: it catches up by InstallSnapshot.
        SimRaftReport report = SimRaft.Run(new SimRaftOptions
        {
            Servers = 3, Clients = 2, Operations = 120, Seed = 5, SnapshotEvery = 8,
            Faults = FaultSchedule.Parse("crash 3 at 50ms, restart 3 at 900ms"),
        });

        Assert.Empty(report.Result.Violations);
        Assert.True(report.ReplicasEqual);
        Assert.Contains(report.Result.Observed<RaftSnapshotEvent>(), o => o.Value.Installed && o.Value.Node == 3);
        Assert.Equal(LinearizabilityVerdict.Linearizable, report.Check.Verdict);
    }

    [Fact]
    public void Run_Sweep120SeedsRandomNemesis_NoInvariantBrokenEveryHistoryLinearizable()
    {
        var bad = new List<string>();
        int unknown = 0, leaderChanges = 0;
        for (int seed = 1; seed <= 120; seed++)
        {
            SimRaftReport r = Random(seed);
            unknown += r.Count(OperationStatus.Unknown);
            leaderChanges += r.Leaders.Count - 1;
            if (r.Violations > 0 || r.Check.Verdict != LinearizabilityVerdict.Linearizable || !r.ReplicasEqual)
            {
                bad.Add($"seed {seed}: {r.Check.Verdict}, raft violations {r.Result.Violations.Count}, replicas equal {r.ReplicasEqual}");
            }
        }

        Assert.Empty(bad);
        // The nemesis did bite: leaders changed and some outcomes were unknown.
        Assert.True(leaderChanges > 60, $"leader changes {leaderChanges}");
        Assert.True(unknown > 120, $"unknown {unknown}");
    }

    [Fact]
    public void Run_Sweep60SeedsLeadersWritingInParallelSlowDisk_EveryHistoryLinearizable()
    {
        // As `arbiter store serve` runs (dissertation §10.2.1), with writes that take 5 ms, so that crashes fall
        // between a leader's early appends and its own write.
        var bad = new List<string>();
        long lost = 0;
        for (int seed = 1; seed <= 60; seed++)
        {
            SimRaftReport r = SimRaft.Run(new SimRaftOptions
            {
                Seed = seed,
                Faults = SimRaftFaults.Random(5, SimRaft.ClientIds(5, 3), seed),
                Network = SimRaftFaults.Network,
                LeaderWritesInParallel = true,
                DiskLatency = TimeSpan.FromMilliseconds(5),
            });
            lost += r.Result.Counters.WritesLost;
            if (r.Violations > 0 || r.Check.Verdict != LinearizabilityVerdict.Linearizable || !r.ReplicasEqual)
            {
                bad.Add($"seed {seed}: {r.Check.Verdict}, raft violations {r.Result.Violations.Count}, replicas equal {r.ReplicasEqual}");
            }
        }

        Assert.Empty(bad);
        Assert.True(lost > 0, "no crash fell inside a write");
    }

    [Fact]
    public void Run_Sweep40SeedsLeaseReads_Linearizable()
    {
        for (int seed = 1; seed <= 40; seed++)
        {
            SimRaftReport r = Random(seed, RaftReadMode.Lease);
            Assert.True(r.Violations == 0 && r.Check.Verdict == LinearizabilityVerdict.Linearizable, $"seed {seed}: {r.Check.Verdict}");
        }
    }

    [Fact]
    public void Run_SerializableReadsOnTheKnownSeed_StaleReadFound()
    {
        SimRaftReport r = Random(StaleReadSeed, RaftReadMode.Serializable);

        Assert.Empty(r.Result.Violations); // Raft itself is fine: the reads bypass it
        Assert.Equal(LinearizabilityVerdict.NotLinearizable, r.Check.Verdict);
        KeyResult key = r.Check.Keys.First(k => k.Verdict == LinearizabilityVerdict.NotLinearizable);
        // The evidence names a get that no order can explain.
        Assert.Contains(key.Violation!.Stuck, s => r.History[s.Index].Op == KvOperationKind.Get);
    }

    [Fact]
    public void Run_LinearizableReadsOnTheSameSeed_Linearizable()
    {
        SimRaftReport r = Random(StaleReadSeed);

        Assert.Equal(LinearizabilityVerdict.Linearizable, r.Check.Verdict);
    }

    [Fact]
    public void Run_NoSessionsOnTheDuplicateSeed_NotLinearizable_SessionsFixIt()
    {
        Assert.Equal(LinearizabilityVerdict.NotLinearizable, Random(DuplicateSeed, sessions: false).Check.Verdict);
        Assert.Equal(LinearizabilityVerdict.Linearizable, Random(DuplicateSeed).Check.Verdict);
    }

    [Fact]
    public void Run_SameSeed_SameHistory()
    {
        string first = HistoryWriter.Format(Random(11, operations: 60).History);
        string second = HistoryWriter.Format(Random(11, operations: 60).History);

        Assert.Equal(first, second);
    }

    [Fact]
    public void WithClients_PartitionNamingNoClient_ClientsDealtOverSides()
    {
        FaultSchedule schedule = FaultSchedule.Parse("partition {1,2} at 1s, heal at 2s, partition {1}|{2}|{6} at 3s");

        FaultSchedule dealt = SimRaftFaults.WithClients(schedule, 5, [6, 7, 8]);

        // Sides {1,2} and the rest {3,4,5}: clients 6 and 8 join the first, 7 the second. A partition naming a client is kept.
        Assert.Equal("partition {1,2,6,8}|{3,4,5,7} at 1s, heal at 2s, partition {1}|{2}|{6} at 3s", dealt.ToString());
    }
}
