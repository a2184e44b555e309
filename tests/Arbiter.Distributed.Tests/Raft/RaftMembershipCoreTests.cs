using System.Text;
using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// Membership changes on the pure core (Ongaro's dissertation, 2014, chapter 4), message by message: learners
/// (§4.2.1), one change at a time and the 2015 fix (§4.1), quorums of the new configuration, removing the leader
/// (§4.2.2) and disruptive removed servers (§4.2.3).
/// </summary>
public class RaftMembershipCoreTests
{
    private static RaftConfChange Learner(int n) => new(RaftConfChangeType.AddLearner, n);

    private static RaftConfChange Promote(int n) => new(RaftConfChangeType.PromoteLearner, n);

    private static RaftConfChange Remove(int n) => new(RaftConfChangeType.RemoveServer, n);

    [Fact]
    public void AddLearner_CaughtUp_ReceivesTheLogAndCommitIndexButNeverCountsOrCampaigns()
    {
        var c = new MembershipCluster(servers: 4, initial: 3);
        RaftCore leader = c.Elect(1);
        c.Propose(1, 3);

        RaftConfChangeResult added = leader.ProposeConfChange(Learner(4));
        c.Deliver();

        Assert.True(added.Accepted, added.Refusal);
        Assert.Equal(5, added.Index); // no-op, three commands, the configuration entry
        Assert.Equal(leader.Log.LastIndex, c[4].Log.LastIndex);
        Assert.Equal(leader.Log.Committed, c[4].Log.Committed);
        Assert.True(c[4].Configuration.IsLearner(4));
        Assert.False(c[4].Promotable);
        Assert.False(leader.TransferLeadership(4)); // a learner cannot take over

        // §4.2.1: with two of three voters cut off, the learner's ack does not make a majority.
        c.Isolated.UnionWith([2, 3]);
        long before = leader.Log.Committed;
        c.Propose(1, 1);
        Assert.Equal(leader.Log.LastIndex, c[4].Log.LastIndex);
        Assert.Equal(before, leader.Log.Committed);

        // Cut off from the leader too, the learner never campaigns, whatever its timeout.
        c.Isolated.Add(1);
        long term = c[4].Term;
        c.Tick(100);
        Assert.Equal((RaftRole.Follower, term), (c[4].Role, c[4].Term));
    }

    [Fact]
    public void Learner_LeaderSilentForAnElectionTimeout_ForgetsIt()
    {
        // A learner never campaigns, so only this keeps its NotLeader hints from naming a leader gone for good.
        var c = new MembershipCluster(servers: 4, initial: 3);
        c.Elect(1);
        Assert.True(c[1].ProposeConfChange(Learner(4)).Accepted);
        c.Deliver();
        Assert.Equal(1, c[4].Leader);

        c.Isolated.Add(4);
        c.Tick(25);

        Assert.Equal((0, RaftRole.Follower), (c[4].Leader, c[4].Role));
        Assert.Equal(1, c[2].Leader);
    }

    [Fact]
    public void Promote_LearnerBehind_RefusedUntilItCatchesUp()
    {
        var c = new MembershipCluster(servers: 4, initial: 3, o => o with { LearnerCatchUpGap = 2 });
        RaftCore leader = c.Elect(1);
        c.Isolated.Add(4);
        Assert.True(leader.ProposeConfChange(Learner(4)).Accepted);
        c.Propose(1, 10);

        RaftConfChangeResult refused = leader.ProposeConfChange(Promote(4));

        Assert.False(refused.Accepted);
        Assert.Contains("not caught up", refused.Refusal, StringComparison.Ordinal);
        Assert.True(leader.Configuration.IsLearner(4));

        c.Isolated.Remove(4);
        c.Tick(3); // heartbeats: the learner is probed and brought up to date
        Assert.Equal(leader.Log.LastIndex, leader.ProgressOf(4)!.Match);
        RaftConfChangeResult promoted = leader.ProposeConfChange(Promote(4));
        c.Deliver();

        Assert.True(promoted.Accepted, promoted.Refusal);
        Assert.Equal(new RaftConfiguration([1, 2, 3, 4], []), c[4].Configuration);
        Assert.True(c[4].Promotable);
    }

    [Fact]
    public void ProposeConfChange_PreviousChangeUncommitted_Refused()
    {
        var c = new MembershipCluster(servers: 5, initial: 3);
        RaftCore leader = c.Elect(1);
        c.Isolated.UnionWith([2, 3]);

        RaftConfChangeResult first = leader.ProposeConfChange(Learner(4));
        RaftConfChangeResult second = leader.ProposeConfChange(Learner(5));

        Assert.True(first.Accepted);
        Assert.False(second.Accepted);
        Assert.Contains($"index {first.Index}) is not committed", second.Refusal, StringComparison.Ordinal);

        c.Isolated.Clear();
        c.Tick(2);
        Assert.True(leader.ProposeConfChange(Learner(5)).Accepted);
    }

    [Fact]
    public void ProposeConfChange_NewLeaderBeforeItsTermCommits_Refused()
    {
        // The 2015 fix to the single-server algorithm: a leader changes the configuration only after committing an
        // entry of its own term, so a change left uncommitted by an earlier leader cannot combine with its own.
        var c = new MembershipCluster(servers: 4, initial: 3);
        c[1].Campaign();
        c.Deliver(stop: () => c[1].Role == RaftRole.Leader);
        RaftCore leader = c[1];
        Assert.NotEqual(leader.Term, leader.Log.Term(leader.Log.Committed));

        RaftConfChangeResult early = leader.ProposeConfChange(Learner(4));
        c.Deliver();
        RaftConfChangeResult later = leader.ProposeConfChange(Learner(4));

        Assert.False(early.Accepted);
        Assert.Contains("has not yet committed an entry of its term", early.Refusal, StringComparison.Ordinal);
        Assert.True(later.Accepted, later.Refusal);
    }

    [Theory]
    [InlineData(RaftConfChangeType.AddLearner, 2, "already a member")]
    [InlineData(RaftConfChangeType.PromoteLearner, 2, "not a learner")]
    [InlineData(RaftConfChangeType.RemoveServer, 7, "not a member")]
    public void ProposeConfChange_DoesNotFit_RefusedWithReason(RaftConfChangeType type, int node, string reason)
    {
        var c = new MembershipCluster(servers: 3, initial: 3);
        RaftCore leader = c.Elect(1);

        RaftConfChangeResult result = leader.ProposeConfChange(new RaftConfChange(type, node));

        Assert.Equal(0, result.Index);
        Assert.Contains(reason, result.Refusal, StringComparison.Ordinal);
        Assert.False(result.NotLeader);
    }

    [Fact]
    public void ProposeConfChange_Follower_NotLeader()
    {
        var c = new MembershipCluster(servers: 3, initial: 3);
        c.Elect(1);

        Assert.True(c[2].ProposeConfChange(Learner(4)).NotLeader);
    }

    [Fact]
    public void AddVoter_NewVoterUnreachable_CommitNeedsAMajorityOfTheNewConfiguration()
    {
        // §4.1: the new configuration applies as soon as it is in the leader's log. {1,2,3} + voter 4 has quorum 3:
        // with 3 and 4 cut off, servers 1 and 2 (a majority of the old configuration) can no longer commit.
        var c = new MembershipCluster(servers: 4, initial: 3);
        RaftCore leader = c.Elect(1);
        c.Isolated.UnionWith([3, 4]);

        RaftConfChangeResult added = leader.ProposeConfChange(new RaftConfChange(RaftConfChangeType.AddVoter, 4));
        c.Deliver();
        c.Propose(1, 2);

        Assert.True(added.Accepted);
        Assert.Equal(3, leader.Configuration.Quorum);
        Assert.True(leader.Log.Committed < added.Index, $"committed {leader.Log.Committed}");

        c.Isolated.Remove(3);
        c.Tick(2);
        Assert.Equal(leader.Log.LastIndex, leader.Log.Committed);
    }

    [Fact]
    public void Grow_ToFiveVoters_CommitNeedsThreeAcks()
    {
        var c = new MembershipCluster(servers: 5, initial: 3);
        RaftCore leader = c.Elect(1);
        foreach (int n in new[] { 4, 5 })
        {
            Assert.True(leader.ProposeConfChange(Learner(n)).Accepted);
            c.Deliver();
            Assert.True(leader.ProposeConfChange(Promote(n)).Accepted);
            c.Deliver();
        }

        c.Isolated.UnionWith([3, 4, 5]);
        long before = leader.Log.Committed;
        c.Propose(1, 1);
        Assert.Equal(before, leader.Log.Committed); // 2 of 5 is no majority

        c.Isolated.Remove(5);
        c.Tick(2);
        Assert.Equal(leader.Log.LastIndex, leader.Log.Committed); // 3 of 5 is
    }

    [Fact]
    public void RemoveLeader_KeepsLeadingWithoutCountingItself_StepsDownOnCommit_HandsOver()
    {
        // §4.2.2: server 1 removes itself from {1,2,3}. The new configuration {2,3} needs both 2 and 3: with 2 cut
        // off the change cannot commit, although 1 and 3 are a majority of the old configuration.
        var c = new MembershipCluster(servers: 3, initial: 3);
        RaftCore leader = c.Elect(1);
        long term = leader.Term;
        c.Isolated.Add(2);

        RaftConfChangeResult removed = leader.ProposeConfChange(Remove(1));
        c.Deliver();

        Assert.True(removed.Accepted);
        Assert.Equal(RaftRole.Leader, leader.Role);
        Assert.True(leader.Log.Committed < removed.Index);

        c.Isolated.Clear();
        c.Tick(1);

        Assert.Equal(RaftRole.Follower, leader.Role);
        Assert.False(leader.Promotable);
        int successor = c.Cores.Values.Single(k => k.Role == RaftRole.Leader).Id;
        Assert.Contains(successor, new[] { 2, 3 });
        Assert.Equal(term + 1, c[successor].Term); // at once, by TimeoutNow: no election timeout waited
        Assert.Equal(new RaftConfiguration([2, 3], []), c[successor].Configuration);

        c.Tick(100);
        Assert.Equal(RaftRole.Follower, leader.Role); // the removed server never campaigns
        Assert.Equal(successor, c.Cores.Values.Single(k => k.Role == RaftRole.Leader).Id);
    }

    [Theory]
    [InlineData(true, false)] // check-quorum's lease: ignored
    [InlineData(false, true)] // no lease: the removed server's term deposes the group's (the test can fail)
    public void VoteRequest_FromRemovedServer_IgnoredWhileHearingFromALeader(bool checkQuorum, bool disrupted)
    {
        // §4.2.3: server 3 is removed while cut off, so it never learns; it times out and asks for votes in ever
        // higher terms (no pre-vote here). Servers that hear from a leader ignore such requests.
        var c = new MembershipCluster(servers: 3, initial: 3, o => o with { PreVote = false, CheckQuorum = checkQuorum });
        RaftCore leader = c.Elect(1);
        c.Isolated.Add(3);
        Assert.True(leader.ProposeConfChange(Remove(3)).Accepted);
        c.Deliver();
        Assert.Equal(leader.Log.LastIndex, leader.Log.Committed);
        long term = c[2].Term;

        c[2].Step(3, new RaftMessage.VoteRequest(term + 5, 1, 1, PreVote: false, Transfer: false));

        Assert.Equal(disrupted, c[2].Term == term + 5);
        Assert.Equal(disrupted, c[2].Leader == 0);
    }

    [Fact]
    public void VoteRequest_VoterThatDoesNotKnowItsPromotion_StillVotes()
    {
        // etcd raft's rule, needed for liveness: voters {1,2}, learner 3 promoted while cut off — committed by 1 and
        // 2 alone (2 of 3). With 1 gone only 2 holds every committed entry, and it needs 3's vote although 3
        // still thinks it is a learner.
        var c = new MembershipCluster(servers: 3, initial: 2);
        RaftCore leader = c.Elect(1);
        Assert.True(leader.ProposeConfChange(Learner(3)).Accepted);
        c.Propose(1, 1);
        c.Isolated.Add(3);
        Assert.True(leader.ProposeConfChange(Promote(3)).Accepted);
        c.Deliver();
        Assert.Equal(leader.Log.LastIndex, leader.Log.Committed);
        Assert.True(c[3].Configuration.IsLearner(3));

        c.Isolated.Clear();
        c.Isolated.Add(1);
        c.Tick(60);

        Assert.Equal(RaftRole.Leader, c[2].Role);
        Assert.True(c[3].Configuration.IsVoter(3)); // it learned its promotion from the new leader
    }

    [Fact]
    public void ConfigurationEntry_TruncatedByTheNextLeader_OldConfigurationRestored()
    {
        // §4.1: leader 1 appends "add learner 4" but only it and 4 hold the entry when it is cut off; server 2 or 3
        // wins the next term and overwrites the index; once 1 rejoins, its log, and so its configuration, are the new leader's.
        var c = new MembershipCluster(servers: 4, initial: 3);
        RaftCore old = c.Elect(1);
        c.Isolated.UnionWith([2, 3]);
        RaftConfChangeResult added = old.ProposeConfChange(Learner(4));
        c.Deliver();
        Assert.True(old.Configuration.IsLearner(4));
        Assert.True(c[4].Configuration.IsLearner(4));

        c.Isolated.Clear();
        c.Isolated.UnionWith([1, 4]);
        c.Tick(40); // the lease of 1's leadership runs out; 2 or 3 is elected
        RaftCore leader = c.Cores.Values.Single(k => k.Role == RaftRole.Leader && k.Id != 1);
        c.Propose(leader.Id, 2);
        c.Isolated.Remove(1);
        c.Tick(3);

        Assert.Equal(RaftRole.Follower, old.Role);
        Assert.NotNull(old.Log.Term(added.Index));
        Assert.Equal(leader.Log.Term(added.Index), old.Log.Term(added.Index));
        Assert.Equal(new RaftConfiguration([1, 2, 3], []), old.Configuration);
        Assert.True(c[4].Configuration.IsLearner(4)); // still cut off: it keeps what it has, and never campaigns
    }

    [Fact]
    public void CheckQuorum_LearnersDoNotKeepALeaderAlive()
    {
        var c = new MembershipCluster(servers: 5, initial: 3);
        RaftCore leader = c.Elect(1);
        Assert.True(leader.ProposeConfChange(Learner(4)).Accepted);
        c.Deliver();
        Assert.True(leader.ProposeConfChange(Learner(5)).Accepted);
        c.Deliver();

        // Only the learners still answer: the leader must step down (§6.2), not count them as a quorum.
        c.Isolated.UnionWith([2, 3]);
        c.Tick(25);

        Assert.NotEqual(RaftRole.Leader, leader.Role);
    }

    [Fact]
    public void ReadIndex_LearnerAcksDoNotConfirm()
    {
        var c = new MembershipCluster(servers: 4, initial: 3);
        RaftCore leader = c.Elect(1);
        Assert.True(leader.ProposeConfChange(Learner(4)).Accepted);
        c.Deliver();
        c.Isolated.UnionWith([2, 3]);

        Assert.True(leader.ReadIndex(42));
        c.Deliver();
        c.Tick(1);
        Assert.False(c.ReadStates.ContainsKey(1)); // the learner acked; one vote of three is not a quorum

        c.Isolated.Remove(2);
        c.Tick(1);
        var confirmed = c.ReadStates[1];
        Assert.Contains(confirmed, r => r.Context == 42);
    }

    [Fact]
    public void Refusal_Text_IsReadable()
    {
        var c = new MembershipCluster(servers: 4, initial: 3, o => o with { LearnerCatchUpGap = 0 });
        RaftCore leader = c.Elect(1);
        c.Isolated.Add(4);
        Assert.True(leader.ProposeConfChange(Learner(4)).Accepted);
        c.Deliver();

        string why = leader.ProposeConfChange(Promote(4)).Refusal!;

        Assert.Equal($"learner 4 is not caught up (match 0, leader's last index {leader.Log.LastIndex}, allowed gap 0)", why);
        Assert.NotEmpty(Encoding.UTF8.GetBytes(why));
    }
}
