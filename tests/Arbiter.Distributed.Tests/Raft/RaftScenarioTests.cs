using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;
using Xunit.Abstractions;

namespace Arbiter.Distributed.Tests.Raft;

public class RaftScenarioTests(ITestOutputHelper output)
{
    private static void AssertPassed(RaftReport report) =>
        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));

    [Fact]
    public void Run_HealthyThreeServers_EveryCommandCommittedOneLeader()
    {
        var report = RaftScenario.Run(new RaftScenarioOptions { Operations = 30 });

        AssertPassed(report);
        Assert.Equal(30, report.Acknowledged);
        Assert.Single(report.Leaders);
        Assert.Equal(31, report.CommittedIndex); // 30 commands + the leader's no-op
    }

    [Fact]
    public void Run_SameSeed_SameTrace()
    {
        RaftReport Once() => RaftScenario.Run(new RaftScenarioOptions { Seed = 7, Operations = 15, Concurrency = 2, Network = RaftFaults.Unreliable, RecordTrace = true });

        var a = Once();
        var b = Once();

        Assert.Equal(a.Result.Trace.Count, b.Result.Trace.Count);
        Assert.Equal(a.Result.Trace.Select(e => $"{e.Time}{e.Node}{e.Kind}{e.Payload}"), b.Result.Trace.Select(e => $"{e.Time}{e.Node}{e.Kind}{e.Payload}"));
    }

    [Fact]
    public void Run_RepeatedLeaderChurn_SafeAndEveryCommandCommitted()
    {
        // §5.2/§5.4: crash whoever leads every 400 ms, restart it 150 ms later, ten times.
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Servers = 5, Operations = 60, Concurrency = 2, Seed = 3,
            Setup = sim =>
            {
                for (int k = 1; k <= 10; k++)
                {
                    sim.At(TimeSpan.FromMilliseconds(400 * k), s =>
                    {
                        int leader = s.Members.FirstOrDefault(id => s.NodeOf(id) is RaftNode { Core.Role: RaftRole.Leader });
                        if (leader != 0)
                        {
                            s.Crash(leader);
                            s.At(s.Now + TimeSpan.FromMilliseconds(150), t => t.Restart(leader));
                        }
                    });
                }
            },
        });

        AssertPassed(report);
        Assert.True(report.Leaders.Count >= 8, $"{report.Leaders.Count} leaders");
    }

    [Fact]
    public void Run_EveryServerRestartedAtOnce_LogSurvives()
    {
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Operations = 40, Concurrency = 2, SnapshotEvery = 10,
            Faults = FaultSchedule.Parse("crash 1 at 300ms, crash 2 at 300ms, crash 3 at 300ms, restart 1 at 400ms, restart 2 at 410ms, restart 3 at 420ms, crash 2 at 700ms, restart 2 at 800ms"),
        });

        AssertPassed(report);
        Assert.Equal(40, report.Acknowledged);
    }

    [Fact]
    public void Run_UnreliableNetworkLaggingFollowerSnapshots_InstallSnapshotUsed()
    {
        // §7: server 3 is down while the others commit and compact; it can only catch up from a snapshot.
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Operations = 60, Concurrency = 3, SnapshotEvery = 5, Network = RaftFaults.Unreliable,
            Faults = FaultSchedule.Parse("crash 3 at 250ms, restart 3 at 1500ms"),
        });

        AssertPassed(report);
        Assert.Contains(report.Result.Observations, o => o.Node == 3 && o.Value is RaftSnapshotEvent { Installed: true });
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public void Run_PartitionedServerReturns_PreVoteKeepsTheLeader(bool preVote, int minimumLeaders)
    {
        // Dissertation §9.6: server 3, cut off for 2 s, times out again and again. Without pre-vote (and without
        // check-quorum's lease) each timeout raises its term, and on return it deposes the working leader; with
        // pre-vote its term never moves and the first leader keeps its term.
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Operations = 10, Seed = 2,
            Faults = FaultSchedule.Parse("partition {3} at 600ms, heal at 2600ms, loss 0 at 3500ms"),
            Configure = o => o with { PreVote = preVote, CheckQuorum = preVote },
        });

        AssertPassed(report);
        if (preVote)
        {
            Assert.Equal(minimumLeaders, report.Leaders.Count);
        }
        else
        {
            Assert.True(report.Leaders.Count >= minimumLeaders, $"{report.Leaders.Count} leaders");
            Assert.True(report.Leaders.Keys.Max() > 2, "the returning server's raised term forced new elections");
        }
    }

    [Fact]
    public void Run_BatchingOff_OneEntryPerAppend_MoreMessages()
    {
        RaftReport Run(int max) => RaftScenario.Run(new RaftScenarioOptions
        {
            Operations = 200, Concurrency = 50, Configure = o => o with { MaxEntriesPerMessage = max },
        });

        var batched = Run(int.MaxValue);
        var single = Run(1);

        AssertPassed(batched);
        AssertPassed(single);
        long appends(RaftReport r) => r.Result.Counters.SentCounts.GetValueOrDefault(typeof(RaftMessage.AppendRequest));
        Assert.True(appends(batched) < appends(single), $"{appends(batched)} vs {appends(single)}");

        // Virtual time: with 50 commands outstanding and one entry per message, the inflight window and the
        // per-message round trips bound throughput; batches carry everything pending in one message.
        Assert.True(batched.FinishedAt < single.FinishedAt, $"{batched.FinishedAt} vs {single.FinishedAt}");
        output.WriteLine(FormattableString.Invariant(
            $"batched: {appends(batched)} appends, done at {batched.FinishedAt.TotalMilliseconds:0.#} ms ({200 / batched.FinishedAt.TotalSeconds:0} commands/s virtual); one per message: {appends(single)} appends, done at {single.FinishedAt.TotalMilliseconds:0.#} ms ({200 / single.FinishedAt.TotalSeconds:0} commands/s virtual)"));
    }
}
