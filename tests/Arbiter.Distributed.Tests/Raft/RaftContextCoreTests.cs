using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>Contexts (members' addresses) on the pure core: the initial voters' ride along in the first change, and a
/// joining server learns every member's from the leader's log.</summary>
public class RaftContextCoreTests
{
    [Fact]
    public void AddLearnerWithContext_EveryServerLearnsEveryMembersContextFromTheLog()
    {
        var initial = new Dictionary<int, string> { [1] = "a1", [2] = "a2", [3] = "a3" };
        var c = new MembershipCluster(servers: 4, initial: 3, o => o with { InitialContexts = initial });
        RaftCore leader = c.Elect(1);
        Assert.Empty(c[4].Configuration.Contexts); // joining: no configuration, so nothing known yet

        RaftConfChangeResult added = leader.ProposeConfChange(new RaftConfChange(RaftConfChangeType.AddLearner, 4) { Context = "a4" });
        c.Deliver();

        Assert.True(added.Accepted, added.Refusal);
        var expected = new Dictionary<int, string> { [1] = "a1", [2] = "a2", [3] = "a3", [4] = "a4" };
        foreach (int id in (int[])[1, 2, 3, 4])
        {
            Assert.Equal(expected, c[id].Configuration.Contexts);
            Assert.Equal(expected, c[id].Log.ConfigurationAt(added.Index).Contexts);
        }

        // The initial configuration's contexts do not decide who votes: a server told other addresses agrees on voters.
        var other = new RaftOptions { Voters = [1, 2, 3], InitialContexts = new Dictionary<int, string> { [1] = "elsewhere" } };
        Assert.Equal(c[1].Log.ConfigurationAt(0).Voters, other.InitialConfiguration.Voters);
    }
}
