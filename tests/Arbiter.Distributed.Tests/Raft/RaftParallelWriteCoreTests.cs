using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// The leader writing to its disk in parallel with replication (dissertation §10.2.1,
/// <see cref="RaftOptions.LeaderWritesInParallel"/>), on the pure core. The leader's own acknowledgement — a message
/// to itself that the driver delivers after persisting — stands for "its write finished"; holding it back is a slow disk.
/// </summary>
public class RaftParallelWriteCoreTests
{
    private static MembershipCluster Cluster(int servers, int initial, bool parallel = true) =>
        new(servers, initial, o => o with { LeaderWritesInParallel = parallel });

    private static bool OwnAck(int from, int to, RaftMessage message) => from == to && message is RaftMessage.AppendResponse;

    private static IEnumerable<RaftEnvelope> AppendsFrom(MembershipCluster c, int leader) =>
        c.Sent.Where(s => s.From == leader && s.Envelope.Message is RaftMessage.AppendRequest).Select(s => s.Envelope);

    [Fact]
    public void Propose_ThreeVotersLeadersDiskSlow_CommittedOnTheTwoFollowersCopies()
    {
        // §10.2.1: "the leader may even commit an entry before it has been written to its own disk, if a majority
        // of other servers have written it".
        var c = Cluster(3, 3);
        RaftCore leader = c.Elect(1);
        c.Hold = OwnAck;

        long index = leader.Propose([7]);
        c.Deliver();

        Assert.Equal(index, leader.Log.Committed);
        Assert.True(leader.ProgressOf(1)!.Match < index, "the leader's own copy was not counted");
    }

    [Fact]
    public void Propose_OneFollowerDownAndLeadersDiskSlow_NotCommittedUntilTheLeadersWriteFinishes()
    {
        // Only one durable copy (follower 2's): counting the leader's unwritten one would make a "majority" that a
        // crash of the leader can turn into a single copy.
        var c = Cluster(3, 3);
        RaftCore leader = c.Elect(1);
        c.Isolated.Add(3);
        c.Hold = OwnAck;

        long index = leader.Propose([7]);
        c.Deliver();
        Assert.True(leader.Log.Committed < index);
        Assert.Equal(index, c[2].Log.LastIndex);

        c.Release();

        Assert.Equal(index, leader.Log.Committed);
        Assert.Equal(index, leader.ProgressOf(1)!.Match);
    }

    [Fact]
    public void Propose_SingleVoterLeadersDiskSlow_NotCommittedUntilItsWriteFinishes()
    {
        // The case that makes the self-acknowledgement necessary: with one voter the leader's copy is the
        // majority, and a learner told of a commit before that copy is durable could apply an entry that a crash
        // then erases from every voter.
        var c = Cluster(2, 1);
        RaftCore leader = c.Elect(1);
        leader.ProposeConfChange(new RaftConfChange(RaftConfChangeType.AddLearner, 2));
        c.Deliver();
        c.Hold = OwnAck;

        long index = leader.Propose([7]);
        c.Deliver();
        Assert.True(leader.Log.Committed < index);
        Assert.True(c[2].Log.Committed < index, "the learner heard of no commit");

        c.Release();

        Assert.Equal(index, leader.Log.Committed);
        c.Tick(1); // the next heartbeat carries the commit index to the learner
        Assert.Equal(index, c[2].Log.Committed);
    }

    [Fact]
    public void Campaign_NewLeader_FirstAppendsWaitForItsDiskLaterOnesGoEarly()
    {
        // A leader whose term is not yet durable must not send early: a crash could make it forget the term and,
        // restarted, lead the same term again with other entries. Its own acknowledgement proves the term is written.
        var c = Cluster(3, 3);
        c.Hold = OwnAck;
        RaftCore leader = c.Elect(1);
        Assert.NotEmpty(AppendsFrom(c, 1));
        Assert.All(AppendsFrom(c, 1), e => Assert.False(e.Early));

        c.Release();
        c.Sent.Clear();
        leader.Propose([7]);
        c.Deliver();

        Assert.NotEmpty(AppendsFrom(c, 1));
        Assert.All(AppendsFrom(c, 1), e => Assert.True(e.Early));
        // Everything else still waits for the disk: acknowledgements, heartbeats, the leader's own acknowledgement.
        Assert.All(c.Sent.Where(s => s.Envelope.Message is not RaftMessage.AppendRequest), s => Assert.False(s.Envelope.Early));
    }

    [Fact]
    public void Propose_OptionOff_TextbookOrderNoEarlyMessagesNoOwnAcknowledgement()
    {
        var c = Cluster(3, 3, parallel: false);
        RaftCore leader = c.Elect(1);
        long index = leader.Propose([7]);
        c.Deliver();

        Assert.Equal(index, leader.Log.Committed);
        Assert.DoesNotContain(c.Sent, s => s.Envelope.Early);
        Assert.DoesNotContain(c.Sent, s => s.From == s.Envelope.To);
    }

    [Fact]
    public void Step_OwnAcknowledgementAfterSteppingDown_Ignored()
    {
        var c = Cluster(3, 3);
        RaftCore leader = c.Elect(1);
        c.Hold = OwnAck;
        long index = leader.Propose([7]);
        c.Isolated.UnionWith([2, 3]);
        c.Deliver();

        // A newer term deposes the leader before its write finishes; the late acknowledgement changes nothing.
        leader.Step(2, new RaftMessage.AppendResponse(leader.Term + 1, false, 0, 0, 0));
        Assert.Equal(RaftRole.Follower, leader.Role);
        long committed = leader.Log.Committed;
        c.Isolated.Clear();
        c.Release();

        Assert.Equal(committed, leader.Log.Committed);
        Assert.True(committed < index);
    }
}
