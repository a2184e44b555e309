using System.Text;
using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Core.Tests.Distributed.Raft;

/// <summary>Replication, commitment and reads at the message level (§5.3, §5.4.2, §7; dissertation §6.4).</summary>
public class RaftCoreReplicationTests
{
    private static RaftRecovered Log(long term, params long[] terms) =>
        new(new HardState(term, 0, 0), null, [.. terms.Select((t, i) => new RaftEntry(t, i + 1, [(byte)i]))], false);

    [Fact]
    public void Propose_ThreeServers_CommittedEverywhereInOrder()
    {
        var net = new CoreNet(3);
        net.Campaign(1);

        net.Propose(1, "a");
        net.Propose(1, "b");
        net.TickAll(); // a heartbeat carries the commit index

        Assert.All(net.Cores.Values, c =>
        {
            Assert.Equal(3, c.Log.Committed);
            Assert.Equal("ab", string.Concat(c.Log.Entries.Skip(1).Select(e => Encoding.UTF8.GetString(e.Data))));
        });
    }

    [Fact]
    public void Append_PrevMismatch_RejectedWithConflictTermHint()
    {
        // Follower log terms: 1 1 2 2 2 (indexes 1..5). The leader probes after (5, term 3).
        var core = new RaftCore(2, new RaftOptions { Voters = [1, 2, 3] }, Log(3, 1, 1, 2, 2, 2), new Random(1));

        core.Step(1, new RaftMessage.AppendRequest(3, 5, 3, [], 0));

        var response = Assert.IsType<RaftMessage.AppendResponse>(Assert.Single(core.Ready().Messages).Message);
        // Largest index ≤ 5 with term ≤ 3 is 5 itself (term 2): the leader can jump to its own last entry of term ≤ 2.
        Assert.Equal(new RaftMessage.AppendResponse(3, false, 5, 5, 2), response);
    }

    [Fact]
    public void Append_ConflictingSuffix_TruncatedAndReplaced()
    {
        var core = new RaftCore(2, new RaftOptions { Voters = [1, 2, 3] }, Log(3, 1, 1, 2, 2), new Random(1));

        core.Step(1, new RaftMessage.AppendRequest(3, 2, 1, [new RaftEntry(3, 3, [9])], 3));

        Assert.Equal(3, core.Log.LastIndex);
        Assert.Equal(3, core.Log.Term(3));
        Assert.Equal(3, core.Log.Committed);
        Assert.Equal(new RaftMessage.AppendResponse(3, true, 3, 0, 0), core.Ready().Messages.Single().Message);
    }

    [Fact]
    public void Append_StaleDuplicate_DoesNotTruncateNewerEntries()
    {
        var core = new RaftCore(2, new RaftOptions { Voters = [1, 2, 3] }, Log(1, 1, 1, 1), new Random(1));

        core.Step(1, new RaftMessage.AppendRequest(1, 0, 0, [new RaftEntry(1, 1, [0])], 0)); // an old, reordered append

        Assert.Equal(3, core.Log.LastIndex);
    }

    [Fact]
    public void Replication_FollowerWithLongDivergentSuffix_FastBackoffNeedsFewProbes()
    {
        // The follower holds 50 entries of a dead leader's term 2 after a common prefix of 2; the leader (term 3)
        // holds 2 entries of term 1 then 50 of term 3. One-by-one backoff would probe ~50 times.
        var leaderLog = new RaftRecovered(new HardState(3, 0, 0), null,
            [.. Enumerable.Range(1, 52).Select(i => new RaftEntry(i <= 2 ? 1 : 3, i, [1]))], false);
        var followerLog = new RaftRecovered(new HardState(2, 0, 0), null,
            [.. Enumerable.Range(1, 52).Select(i => new RaftEntry(i <= 2 ? 1 : 2, i, [2]))], false);
        var options = new RaftOptions { Voters = [1, 2], PreVote = false };
        var net = new CoreNet(2, _ => options);
        net.Cores[1] = new RaftCore(1, options, leaderLog, new Random(1));
        net.Cores[2] = new RaftCore(2, options, followerLog, new Random(2));

        net.Campaign(1);

        Assert.Equal(RaftRole.Leader, net[1].Role);
        int rejections = net.Delivered.Count(d => d.Message is RaftMessage.AppendResponse { Success: false });
        Assert.True(rejections <= 2, $"{rejections} rejections");
        Assert.Equal(net[1].Log.LastIndex, net[2].Log.LastIndex);
        Assert.Equal(4, net[2].Log.Term(53));
    }

    [Fact]
    public void Figure8_OldTermEntryOnMajorityOnly_NotCommittedUntilCurrentTermEntry()
    {
        // The heart of Figure 8, isolated: a leader of term 3 whose log ends with an entry of term 1 at index 2,
        // acknowledged by a majority, must not commit it (its own no-op at 3 is not yet acknowledged).
        var options = new RaftOptions { Voters = [1, 2, 3], PreVote = false, CheckQuorum = false };
        var core = new RaftCore(1, options, Log(2, 1, 1), new Random(1));
        core.Campaign();
        core.Step(2, new RaftMessage.VoteResponse(3, true, false));
        Assert.Equal(RaftRole.Leader, core.Role);
        Assert.Equal(3, core.Term);
        core.Ready();

        core.Step(2, new RaftMessage.AppendResponse(3, true, 2, 0, 0)); // S2 holds 1..2, not the no-op at 3

        Assert.Equal(0, core.Log.Committed);

        core.Step(2, new RaftMessage.AppendResponse(3, true, 3, 0, 0));

        Assert.Equal(3, core.Log.Committed); // the term-3 entry commits, and 1..2 with it
    }

    [Fact]
    public void ReadIndex_Leader_ConfirmedOnlyAfterHeartbeatQuorum()
    {
        var net = new CoreNet(3);
        net.Campaign(1);
        net.Propose(1, "a");
        net.ReadStates.Clear();
        net.Isolate(1);

        Assert.True(net[1].ReadIndex(42));
        net.Run();
        Assert.Empty(net.ReadStates); // no heartbeat answers: not confirmed

        net.HealAll();
        net.TickAll(net.Options.HeartbeatTicks);

        Assert.Equal([new ReadState(2, 42)], net.ReadStates);
    }

    [Fact]
    public void ReadIndex_Lease_ConfirmedWithoutRoundTrip()
    {
        var net = new CoreNet(3);
        net.Campaign(1);
        net.Isolate(1);

        Assert.True(net[1].ReadIndex(7, lease: true));
        net.Run();

        Assert.Equal([new ReadState(1, 7)], net.ReadStates);
    }

    [Fact]
    public void ReadIndex_Follower_Refused()
    {
        var net = new CoreNet(3);
        net.Campaign(1);

        Assert.False(net[2].ReadIndex(1));
    }

    [Fact]
    public void ReadIndex_NewLeaderBeforeItsNoopCommits_WaitsForIt()
    {
        var net = new CoreNet(3, o => o with { PreVote = false });
        net[1].Campaign();
        net[1].Step(2, new RaftMessage.VoteResponse(1, true, false)); // leader, no-op not yet acknowledged
        Assert.Equal(RaftRole.Leader, net[1].Role);

        Assert.True(net[1].ReadIndex(5));
        Assert.Empty(net[1].Ready().ReadStates);
        net.Run();
        net.TickAll(net.Options.HeartbeatTicks);

        Assert.Equal([new ReadState(1, 5)], net.ReadStates);
    }

    [Fact]
    public void Snapshot_FollowerBehindCompactedLog_InstalledThenReplicates()
    {
        var net = new CoreNet(3);
        net.Campaign(1);
        net.Down.Add(3);
        for (int i = 0; i < 10; i++)
        {
            net.Propose(1, $"e{i}");
        }

        net[1].Compact(net[1].Log.Applied, [42]);
        Assert.Equal(11, net[1].Log.SnapshotIndex);
        net.Down.Remove(3);
        net.TickAll(3);

        Assert.Contains(net.Delivered, d => d.To == 3 && d.Message is RaftMessage.InstallSnapshot);
        Assert.Equal(11, net[3].Log.SnapshotIndex);
        net.Propose(1, "after");
        net.TickAll();
        Assert.Equal(12, net[3].Log.Committed);
    }

    [Fact]
    public void Recovering_TruncatedStorage_NeitherVotesNorCampaignsUntilLeaderEntry()
    {
        var options = new RaftOptions { Voters = [1, 2, 3], ElectionTicks = 10 };
        var core = new RaftCore(3, options, new RaftRecovered(new HardState(1, 0, 0), null, [new RaftEntry(1, 1, [])], Truncated: true), new Random(1));

        Assert.True(core.Recovering);
        for (int i = 0; i < 50; i++)
        {
            core.Tick();
        }

        Assert.Equal(RaftRole.Follower, core.Role);
        core.Step(1, new RaftMessage.VoteRequest(2, 5, 1, false, false));
        Assert.False(((RaftMessage.VoteResponse)core.Ready().Messages.Single().Message).Granted);

        core.Step(1, new RaftMessage.AppendRequest(2, 1, 1, [new RaftEntry(2, 2, [])], 1));

        Assert.False(core.Recovering);
        Assert.True(core.HardState is { Recovering: false });
    }
}
