using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>The INode adapter: client requests and their answers on a simulated 3-server group.</summary>
public class RaftNodeTests
{
    private static Simulation<RaftMessage, RaftRecord> Cluster(List<(TimeSpan At, int Node, RaftMessage.ClientReply Reply)> replies, FaultSchedule? faults = null) =>
        new(new SimulationOptions<RaftMessage, RaftRecord>
        {
            Seed = 5,
            Nodes = NodeIds.Range(3),
            NodeFactory = _ => new RaftNode(new RaftNodeOptions { Raft = RaftScenario.DefaultOptions(3) }, new ListStateMachine()),
            Invariants = new RaftSafetyChecker().Invariants(),
            OnClientOutput = (sim, node, m) => replies.Add((sim.Now, node, (RaftMessage.ClientReply)m)),
            Faults = faults ?? FaultSchedule.None,
            Until = TimeSpan.FromSeconds(3),
            RecordTrace = false,
        });

    private static int LeaderOf(Simulation<RaftMessage, RaftRecord> s) =>
        s.Members.Single(id => s.NodeOf(id) is RaftNode { Core.Role: RaftRole.Leader });

    [Fact]
    public void Propose_ToFollowerThenLeader_NotLeaderWithHintThenOkWithResult()
    {
        var replies = new List<(TimeSpan, int, RaftMessage.ClientReply)>();
        var sim = Cluster(replies);
        int leader = 0;
        sim.At(TimeSpan.FromMilliseconds(800), s =>
        {
            leader = LeaderOf(s);
            int follower = s.Members.First(id => id != leader);
            s.Schedule(s.Now, follower, new RaftMessage.ClientPropose(1, [7]));
            s.Schedule(s.Now, leader, new RaftMessage.ClientPropose(2, [8]));
        });

        var result = sim.Run();

        Assert.True(result.Passed, string.Join("; ", result.Violations));
        var notLeader = replies.Single(r => r.Item3.Tag == 1).Item3;
        Assert.Equal((RaftReplyStatus.NotLeader, leader), (notLeader.Status, notLeader.Leader));
        var ok = replies.Single(r => r.Item3.Tag == 2).Item3;
        Assert.Equal(RaftReplyStatus.Ok, ok.Status);
        Assert.Equal(2, ok.Index); // after the leader's no-op
        Assert.Equal(1, BitConverter.ToInt32(ok.Result)); // the list now holds one command
    }

    [Theory]
    [InlineData(RaftReadMode.Linearizable)]
    [InlineData(RaftReadMode.Lease)]
    [InlineData(RaftReadMode.Serializable)]
    public void Read_AfterTwoCommits_SeesBoth(RaftReadMode mode)
    {
        var replies = new List<(TimeSpan, int, RaftMessage.ClientReply)>();
        var sim = Cluster(replies);
        sim.At(TimeSpan.FromMilliseconds(800), s =>
        {
            int leader = LeaderOf(s);
            s.Schedule(s.Now, leader, new RaftMessage.ClientPropose(1, [1]));
            s.Schedule(s.Now, leader, new RaftMessage.ClientPropose(2, [2]));
        });
        sim.At(TimeSpan.FromMilliseconds(1200), s => s.Schedule(s.Now, LeaderOf(s), new RaftMessage.ClientRead(3, [], mode)));

        sim.Run();

        var read = replies.Single(r => r.Item3.Tag == 3).Item3;
        Assert.Equal(RaftReplyStatus.Ok, read.Status);
        Assert.Equal(2, BitConverter.ToInt32(read.Result));
    }

    [Fact]
    public void Read_LinearizableOnFollower_NotLeader()
    {
        var replies = new List<(TimeSpan, int, RaftMessage.ClientReply)>();
        var sim = Cluster(replies);
        sim.At(TimeSpan.FromMilliseconds(800), s => s.Schedule(s.Now, s.Members.First(id => id != LeaderOf(s)), new RaftMessage.ClientRead(1, [], RaftReadMode.Linearizable)));

        sim.Run();

        Assert.Equal(RaftReplyStatus.NotLeader, replies.Single().Item3.Status);
    }

    [Fact]
    public void Propose_LeaderPartitionedBeforeCommit_FailedOnceAnotherEntryIsCommittedThere()
    {
        var replies = new List<(TimeSpan, int, RaftMessage.ClientReply)>();
        var sim = Cluster(replies);
        sim.At(TimeSpan.FromMilliseconds(800), s =>
        {
            int leader = LeaderOf(s);
            s.Partition([[leader]]);
            s.Schedule(s.Now, leader, new RaftMessage.ClientPropose(1, [1]));
        });
        sim.At(TimeSpan.FromMilliseconds(1800), s => s.Heal());

        var result = sim.Run();

        Assert.True(result.Passed, string.Join("; ", result.Violations));
        var reply = replies.Single(r => r.Item3.Tag == 1).Item3;
        Assert.Equal(RaftReplyStatus.Failed, reply.Status);
    }

    [Fact]
    public void Start_AfterCompaction_RecoversSnapshotAndLog()
    {
        var sim = new Simulation<RaftMessage, RaftRecord>(new SimulationOptions<RaftMessage, RaftRecord>
        {
            Nodes = [1],
            NodeFactory = _ => new RaftNode(new RaftNodeOptions { Raft = new RaftOptions { Voters = [1] }, SnapshotEvery = 3 }, new ListStateMachine()),
            Faults = FaultSchedule.Parse("crash 1 at 1s, restart 1 at 1100ms"),
            Until = TimeSpan.FromSeconds(2),
        });
        for (int i = 0; i < 5; i++)
        {
            sim.Schedule(TimeSpan.FromMilliseconds(500 + i), 1, new RaftMessage.ClientPropose(i, [(byte)i]));
        }

        sim.Run();

        var restarted = (RaftNode)sim.NodeOf(1)!;
        var list = (ListStateMachine)restarted.StateMachine;
        Assert.Equal([0, 1, 2, 3, 4], list.Items.Select(b => (int)b[0]));
        Assert.True(restarted.Core.Log.SnapshotIndex >= 3);
        Assert.IsType<RaftRecord.SnapshotRecord>(sim.Persisted(1)[0]);
    }
}
