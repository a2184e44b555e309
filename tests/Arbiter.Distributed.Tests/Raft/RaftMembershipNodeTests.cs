using System.Text;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>The node adapter's side of membership: <see cref="RaftMessage.ClientConfChange"/> answered like a proposal.</summary>
public class RaftMembershipNodeTests
{
    private static RaftMessage.ClientConfChange Change(long tag, RaftConfChangeType type, int node) => new(tag, new RaftConfChange(type, node));

    [Fact]
    public void ClientConfChange_FollowerLeaderPendingInvalid_NotLeaderOkFailedWithReasons()
    {
        var replies = new List<RaftMessage.ClientReply>();
        RaftOptions raft = RaftScenario.DefaultOptions(3);
        var sim = new Simulation<RaftMessage, RaftRecord>(new SimulationOptions<RaftMessage, RaftRecord>
        {
            Seed = 5,
            Nodes = NodeIds.Range(4),
            NodeFactory = id => new RaftNode(new RaftNodeOptions { Raft = id <= 3 ? raft : raft with { Voters = NodeIds.Range(4), Join = true } }, new ListStateMachine()),
            Invariants = new RaftSafetyChecker().Invariants(),
            OnClientOutput = (_, _, m) => replies.Add((RaftMessage.ClientReply)m),
            Until = TimeSpan.FromSeconds(3),
            RecordTrace = false,
        });
        int leader = 0;
        sim.At(TimeSpan.FromMilliseconds(800), s =>
        {
            leader = s.Members.Single(id => s.NodeOf(id) is RaftNode { Core.Role: RaftRole.Leader });
            s.Schedule(s.Now, s.Members.First(id => id != leader && id != 4), Change(1, RaftConfChangeType.AddLearner, 4));
            s.Schedule(s.Now, leader, Change(2, RaftConfChangeType.AddLearner, 4));
            s.Schedule(s.Now, leader, Change(3, RaftConfChangeType.AddLearner, 5)); // while 2 is pending
            s.Schedule(s.Now, 4, new RaftMessage.ClientPropose(4, [1])); // a non-member server answers clients too
        });
        sim.At(TimeSpan.FromMilliseconds(1200), s =>
        {
            s.Schedule(s.Now, leader, Change(5, RaftConfChangeType.PromoteLearner, 3)); // not a learner
            s.Schedule(s.Now, leader, Change(6, RaftConfChangeType.PromoteLearner, 4));
        });

        var result = sim.Run();

        Assert.True(result.Passed, string.Join("; ", result.Violations));
        RaftMessage.ClientReply Reply(long tag) => replies.Single(r => r.Tag == tag);
        Assert.Equal((RaftReplyStatus.NotLeader, leader), (Reply(1).Status, Reply(1).Leader));
        Assert.Equal(RaftReplyStatus.Ok, Reply(2).Status);
        Assert.Equal(RaftReplyStatus.Failed, Reply(3).Status);
        Assert.Equal($"the previous configuration change (index {Reply(2).Index}) is not committed yet", Encoding.UTF8.GetString(Reply(3).Result));
        Assert.Equal(RaftReplyStatus.NotLeader, Reply(4).Status);
        Assert.Equal((RaftReplyStatus.Failed, "server 3 is not a learner"), (Reply(5).Status, Encoding.UTF8.GetString(Reply(5).Result)));
        Assert.Equal(RaftReplyStatus.Ok, Reply(6).Status);
        Assert.All(sim.Members, id => Assert.Equal(new RaftConfiguration([1, 2, 3, 4], []), ((RaftNode)sim.NodeOf(id)!).Core.Configuration));
        Assert.Contains(result.Observations, o => o.Node == 4 && o.Value is RaftConfigurationApplied { Configuration.Voters.Count: 4 });
    }
}
