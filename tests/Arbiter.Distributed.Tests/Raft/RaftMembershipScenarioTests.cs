using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// Membership changes on the simulator with the retrying client and every safety invariant checked after every
/// event (Ongaro's dissertation, 2014, chapter 4): growing through learners, shrinking past the leader, replacing
/// a crashed server, a removed server that keeps campaigning, restarts that must recover the configuration.
/// </summary>
public class RaftMembershipScenarioTests
{
    private static RaftMembershipStep At(int ms, RaftConfChangeType type, int node) => new(TimeSpan.FromMilliseconds(ms), new RaftConfChange(type, node));

    private static void AssertPassed(RaftReport report) =>
        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));

    private static int LeaderOf(Simulation<RaftMessage, RaftRecord> s) =>
        s.Members.FirstOrDefault(id => s.NodeOf(id) is RaftNode { Core.Role: RaftRole.Leader });

    [Fact]
    public void Grow_ThreeToFive_LearnersCatchUpThenArePromoted()
    {
        // §4.2.1: each new server first replicates as a learner; the promotion is refused until it has caught up.
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Servers = 5, InitialVoters = 3, Operations = 60, Concurrency = 2, Network = RaftFaults.Unreliable,
            Membership =
            [
                At(200, RaftConfChangeType.AddLearner, 4), At(210, RaftConfChangeType.PromoteLearner, 4),
                At(400, RaftConfChangeType.AddLearner, 5), At(410, RaftConfChangeType.PromoteLearner, 5),
            ],
        });

        AssertPassed(report);
        Assert.Equal(60, report.Acknowledged);
        Assert.Equal(4, report.ChangesAcknowledged);
        Assert.Equal(new RaftConfiguration([1, 2, 3, 4, 5], []), report.Configuration);
        Assert.Contains(report.Result.Observations, o => o.Node == 5 && o.Value is RaftEntryApplied { Index: 1 }); // it replayed the log from the start
    }

    [Fact]
    public void Shrink_FiveToThree_RemovingTheLeaderFirst()
    {
        // §4.2.2: the leader removes itself, keeps leading until the change commits, then steps down and hands over.
        int removedLeader = 0, second = 0, successor = 0;
        RaftRole roleAfter = RaftRole.Leader;
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Servers = 5, Operations = 60, Concurrency = 2, Seed = 4,
            Setup = sim =>
            {
                sim.At(TimeSpan.FromMilliseconds(500), s =>
                {
                    removedLeader = LeaderOf(s);
                    s.Schedule(s.Now, removedLeader, new RaftMessage.ClientConfChange(1L << 50, new RaftConfChange(RaftConfChangeType.RemoveServer, removedLeader)));
                });
                sim.At(TimeSpan.FromMilliseconds(1000), s =>
                {
                    successor = LeaderOf(s);
                    roleAfter = ((RaftNode)s.NodeOf(removedLeader)!).Core.Role;
                    second = s.Members.First(id => id != removedLeader && id != successor);
                    s.Schedule(s.Now, successor, new RaftMessage.ClientConfChange((1L << 50) + 1, new RaftConfChange(RaftConfChangeType.RemoveServer, second)));
                });
            },
        });

        AssertPassed(report);
        Assert.NotEqual(0, removedLeader);
        Assert.NotEqual(RaftRole.Leader, roleAfter);
        Assert.NotEqual(0, successor);
        Assert.NotEqual(removedLeader, successor);
        RaftConfiguration expected = new RaftConfiguration([1, 2, 3, 4, 5], []).Apply(new(RaftConfChangeType.RemoveServer, removedLeader)).Apply(new(RaftConfChangeType.RemoveServer, second));
        Assert.Equal(expected, report.Configuration);
        Assert.Equal(60, report.Acknowledged);
    }

    [Fact]
    public void Replace_CrashedServer_LearnerPromotedThenDeadServerRemoved()
    {
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Servers = 4, InitialVoters = 3, Operations = 40, Concurrency = 2,
            Faults = FaultSchedule.Parse("crash 3 at 300ms"),
            Membership =
            [
                At(400, RaftConfChangeType.AddLearner, 4), At(410, RaftConfChangeType.PromoteLearner, 4), At(420, RaftConfChangeType.RemoveServer, 3),
            ],
        });

        AssertPassed(report);
        Assert.Equal(new RaftConfiguration([1, 2, 4], []), report.Configuration);
        Assert.Equal(40, report.Acknowledged);
    }

    [Fact]
    public void AddVoter_WhilePartitioned_NoCommitUntilAMajorityOfTheNewConfigurationConnects()
    {
        // §4.1: the leader L and one follower F are a majority of {1,2,3} and commit; once L appends "add voter 4"
        // the configuration is {1,2,3,4}, whose majority (3) is out of reach from {L,F} until the partition heals
        // (and within an election timeout check-quorum deposes L: it no longer hears from a majority).
        int leader = 0;
        long committedAtChange = 0, committedBeforeHeal = 0, lastBeforeHeal = 0;
        RaftRole roleBeforeHeal = RaftRole.Leader;
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Servers = 4, InitialVoters = 3, Operations = 40, Concurrency = 2,
            Faults = FaultSchedule.Parse("loss 0 at 2s"), // keeps the run going past the heal
            Setup = sim =>
            {
                sim.At(TimeSpan.FromMilliseconds(500), s =>
                {
                    leader = LeaderOf(s);
                    int follower = s.Members.First(id => id != leader && id != 4);
                    s.Partition([[leader, follower], [.. s.Members.Where(id => id != leader && id != follower)]]);
                });
                sim.At(TimeSpan.FromMilliseconds(600), s =>
                {
                    RaftCore core = ((RaftNode)s.NodeOf(leader)!).Core;
                    RaftConfChangeResult r = core.ProposeConfChange(new RaftConfChange(RaftConfChangeType.AddVoter, 4));
                    Assert.True(r.Accepted, r.Refusal);
                    committedAtChange = core.Log.Committed;
                    for (int k = 0; k < 5; k++)
                    {
                        s.Schedule(s.Now + TimeSpan.FromMilliseconds(5 * (k + 1)), leader, new RaftMessage.ClientPropose((1L << 50) + k, [(byte)k]));
                    }
                });
                sim.At(TimeSpan.FromMilliseconds(1500), s =>
                {
                    RaftCore core = ((RaftNode)s.NodeOf(leader)!).Core;
                    (committedBeforeHeal, lastBeforeHeal, roleBeforeHeal) = (core.Log.Committed, core.Log.LastIndex, core.Role);
                    s.Heal();
                });
            },
        });

        AssertPassed(report);
        Assert.Equal(committedAtChange, committedBeforeHeal);
        Assert.True(lastBeforeHeal >= committedBeforeHeal + 6, $"last {lastBeforeHeal}: the change and five commands appended, none committed");
        Assert.NotEqual(RaftRole.Leader, roleBeforeHeal); // check-quorum counts the new configuration's voters too
        Assert.Equal(new RaftConfiguration([1, 2, 3, 4], []), report.Configuration);
        Assert.Equal(40, report.Acknowledged);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RemovedServer_CutOffAndCampaigning_DisruptsOnlyWithoutTheLease(bool checkQuorum)
    {
        // §4.2.3, without pre-vote: server 3 is cut off, removed, and keeps timing out with ever higher terms; once
        // the network heals its vote requests reach 1 and 2. While they hear from their leader (check-quorum's
        // lease) they ignore them; without the lease each request deposes the leader.
        Simulation<RaftMessage, RaftRecord>? sim = null;
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Operations = 30, Seed = 2,
            Faults = FaultSchedule.Parse("partition {3} at 400ms, heal at 2500ms, loss 0 at 3500ms"), // the last one keeps the run going
            Membership = [At(500, RaftConfChangeType.RemoveServer, 3)],
            Configure = o => o with { PreVote = false, CheckQuorum = checkQuorum },
            Setup = s => sim = s,
            Patience = TimeSpan.FromSeconds(2),
        });

        AssertPassed(report);
        Assert.Equal(new RaftConfiguration([1, 2], []), report.Configuration);
        Assert.True(((RaftNode)sim!.NodeOf(3)!).Core.Term > 5, "the removed server kept campaigning");
        if (checkQuorum)
        {
            Assert.Single(report.Leaders); // nobody was deposed
        }
        else
        {
            Assert.True(report.Leaders.Count > 1, $"{report.Leaders.Count} leaders");
        }
    }

    [Theory]
    [InlineData(0)] // the configuration comes back from the log's entries
    [InlineData(3)] // from a snapshot that covers them
    public void Restart_EveryServer_ConfigurationRecovered(int snapshotEvery)
    {
        var recovered = new Dictionary<int, (RaftConfiguration Config, long Index, long SnapshotIndex)>();
        var report = RaftScenario.Run(new RaftScenarioOptions
        {
            Servers = 5, InitialVoters = 3, Operations = 40, SnapshotEvery = snapshotEvery,
            Membership =
            [
                At(100, RaftConfChangeType.AddLearner, 4), At(110, RaftConfChangeType.PromoteLearner, 4), At(120, RaftConfChangeType.AddLearner, 5),
            ],
            Setup = sim =>
            {
                sim.At(TimeSpan.FromMilliseconds(1500), s =>
                {
                    foreach (int id in s.Members)
                    {
                        s.Crash(id);
                    }
                });
                sim.At(TimeSpan.FromMilliseconds(1600), s =>
                {
                    foreach (int id in s.Members)
                    {
                        s.Restart(id);
                        RaftLog log = ((RaftNode)s.NodeOf(id)!).Core.Log;
                        recovered[id] = (log.Configuration, log.ConfigurationIndex, log.SnapshotIndex);
                    }
                });
            },
        });

        AssertPassed(report);
        var expected = new RaftConfiguration([1, 2, 3, 4], [5]);
        Assert.Equal(expected, report.Configuration);
        Assert.All(recovered.Values, r => Assert.Equal(expected, r.Config));
        Assert.All(recovered.Values, r => Assert.Equal(snapshotEvery > 0, r.Index == r.SnapshotIndex && r.SnapshotIndex > 0));
    }

    [Fact]
    public void Join_SpareServerNeverAdded_StaysOutAndQuiet()
    {
        Simulation<RaftMessage, RaftRecord>? sim = null;
        var report = RaftScenario.Run(new RaftScenarioOptions { Servers = 4, InitialVoters = 3, Operations = 20, Setup = s => sim = s });

        AssertPassed(report);
        RaftCore spare = ((RaftNode)sim!.NodeOf(4)!).Core;
        Assert.Equal((0L, 0L, RaftConfiguration.Empty), (spare.Term, spare.Log.LastIndex, spare.Configuration));
    }
}
