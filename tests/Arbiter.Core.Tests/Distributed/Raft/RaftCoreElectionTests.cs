using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Core.Tests.Distributed.Raft;

/// <summary>Message-level election tests in the manner of etcd's raft_test.go (§5.2, §5.4.1; dissertation §6.2, §9.6).</summary>
public class RaftCoreElectionTests
{
    private static RaftOptions Three(bool preVote = true, bool checkQuorum = true) =>
        new() { Voters = [1, 2, 3], ElectionTicks = 10, HeartbeatTicks = 1, PreVote = preVote, CheckQuorum = checkQuorum };

    [Fact]
    public void Campaign_SingleVoter_LeaderAtOnceAndNoopCommitted()
    {
        var core = new RaftCore(1, new RaftOptions { Voters = [1] }, RaftRecovered.Empty, new Random(1));

        core.Campaign();

        Assert.Equal(RaftRole.Leader, core.Role);
        Assert.Equal(1, core.Term);
        Assert.Equal(1, core.Log.Committed); // the no-op of term 1
        Assert.True(core.Log.At(1).IsNoop);
    }

    [Fact]
    public void Tick_ElectionTimeoutWithPreVote_PreCandidateKeepsTermAndAsksForTermPlusOne()
    {
        var core = new RaftCore(1, Three(), RaftRecovered.Empty, new Random(1));

        for (int i = 0; i < 20; i++)
        {
            core.Tick(); // the randomised timeout lies in [10, 20)
        }

        Assert.Equal(RaftRole.PreCandidate, core.Role);
        Assert.Equal(0, core.Term);
        Assert.Equal(0, core.Vote);
        var requests = core.Ready().Messages.Select(m => m.Message).OfType<RaftMessage.VoteRequest>().ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.PreVote && r.Term == 1));
    }

    [Fact]
    public void Campaign_WithoutPreVote_CandidateRaisesTermAndVotesForItself()
    {
        var core = new RaftCore(1, Three(preVote: false), RaftRecovered.Empty, new Random(1));

        core.Campaign();

        Assert.Equal(RaftRole.Candidate, core.Role);
        Assert.Equal(1, core.Term);
        Assert.Equal(1, core.Vote);
        Assert.Equal(new HardState(1, 1, 0), core.Ready().HardState); // persisted before the requests leave
    }

    [Fact]
    public void Election_ThreeServers_OneLeaderOthersFollowIt()
    {
        var net = new CoreNet(3);

        net.Campaign(2);

        Assert.Equal(RaftRole.Leader, net[2].Role);
        Assert.All(new[] { 1, 3 }, id => Assert.Equal((RaftRole.Follower, 2, 1L), (net[id].Role, net[id].Leader, net[id].Term)));
        Assert.Equal(1, net[2].Log.Committed); // the leader's no-op, acknowledged by a majority
        net.TickAll(); // followers learn the commit index from the next heartbeat
        Assert.All(net.Cores.Values, c => Assert.Equal(1, c.Log.Committed));
    }

    [Fact]
    public void VoteRequest_AlreadyVotedInTerm_RejectedFirstComeFirstServed()
    {
        var core = new RaftCore(3, Three(preVote: false, checkQuorum: false), RaftRecovered.Empty, new Random(1));

        core.Step(1, new RaftMessage.VoteRequest(1, 0, 0, false, false));
        core.Step(2, new RaftMessage.VoteRequest(1, 0, 0, false, false));

        var answers = core.Ready().Messages.Select(m => (m.To, (RaftMessage.VoteResponse)m.Message)).ToList();
        Assert.Equal([(1, new RaftMessage.VoteResponse(1, true, false)), (2, new RaftMessage.VoteResponse(1, false, false))], answers);
        Assert.Equal(1, core.Vote);
    }

    [Theory]
    [InlineData(2, 1, false)] // candidate's last term is older: §5.4.1 refuses
    [InlineData(1, 2, false)] // same last term, shorter log
    [InlineData(2, 2, true)] // same last term, as long
    [InlineData(1, 3, true)] // later last term wins whatever the length
    public void VoteRequest_LogUpToDateRule_GrantedOnlyToAtLeastAsUpToDate(long lastIndex, long lastTerm, bool granted)
    {
        // Voter's log: (1, term 1), (2, term 2).
        var recovered = new RaftRecovered(new HardState(2, 0, 0), null, [new RaftEntry(1, 1, [1]), new RaftEntry(2, 2, [2])], false);
        var core = new RaftCore(3, Three(preVote: false, checkQuorum: false), recovered, new Random(1));

        core.Step(1, new RaftMessage.VoteRequest(3, lastIndex, lastTerm, false, false));

        var response = Assert.IsType<RaftMessage.VoteResponse>(Assert.Single(core.Ready().Messages).Message);
        Assert.Equal(granted, response.Granted);
    }

    [Fact]
    public void VoteRequest_VoterHearsFromLeader_IgnoredByTheLease()
    {
        var net = new CoreNet(3);
        net.Campaign(1);
        long term = net[2].Term;

        // Server 3 asks for a higher term while server 2 still hears from leader 1 (§6.2/§9.6 lease).
        net[2].Step(3, new RaftMessage.VoteRequest(term + 5, 10, term, false, false));

        Assert.Equal(term, net[2].Term);
        Assert.False(net[2].HasReady && net[2].Ready().Messages.Any(m => m.Message is RaftMessage.VoteResponse));
    }

    [Fact]
    public void Tick_LeaderCutOffFromMajority_StepsDownAfterElectionTimeout()
    {
        var net = new CoreNet(3);
        net.Campaign(1);
        net.Isolate(1);

        // The first window still counts the answers to the leader's first appends; the second has none.
        net.TickAll(net.Options.ElectionTicks);
        Assert.Equal(RaftRole.Leader, net[1].Role);
        net.TickAll(net.Options.ElectionTicks);

        Assert.NotEqual(RaftRole.Leader, net[1].Role);
        Assert.Equal(0, net[1].Leader);
    }

    [Fact]
    public void PreVote_PartitionedServerReturns_TermUnchangedLeaderKept()
    {
        var net = new CoreNet(3);
        net.Campaign(1);
        net.Isolate(3);
        net.TickAll(100); // server 3 times out again and again, as a pre-candidate

        long term = net[1].Term;
        Assert.Equal(term, net[3].Term);
        net.HealAll();
        net.TickAll(30);

        Assert.Equal((RaftRole.Leader, term), (net[1].Role, net[1].Term));
        Assert.Equal(1, net[3].Leader);
    }

    [Fact]
    public void NoPreVote_PartitionedServerReturns_ItsTermDeposesTheLeader()
    {
        var net = new CoreNet(3, o => o with { PreVote = false, CheckQuorum = false });
        net.Campaign(1);
        net.Isolate(3);
        net.TickAll(100);
        long raised = net[3].Term;
        Assert.True(raised > net[1].Term + 3);

        net.HealAll();
        net.TickAll(40);

        Assert.True(net[1].Term >= raised, "the old leader had to adopt the returning server's term");
    }

    [Fact]
    public void TransferLeadership_ToUpToDateFollower_ItLeadsNextTerm()
    {
        var net = new CoreNet(3);
        net.Campaign(1);
        net.Propose(1, "x");

        Assert.True(net[1].TransferLeadership(3));
        net.Run();

        Assert.Equal(RaftRole.Leader, net[3].Role);
        Assert.Equal(2, net[3].Term);
        Assert.Equal(3, net[1].Leader);
    }

    [Fact]
    public void Propose_DuringTransfer_Refused()
    {
        var net = new CoreNet(3);
        net.Campaign(1);
        net.Down.Add(3);
        net.Propose(1, "x");

        Assert.True(net[1].TransferLeadership(3)); // 3 is behind and down: the transfer stays pending

        Assert.Equal(0, net[1].Propose([1]));
    }
}
