using System.Text;
using Arbiter.Store.Client;
using Arbiter.Store.Node;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// Issue 7's second membership gap: a removed member learns that it was removed — a follower from the members'
/// answer to its probe (the leader stops replicating to it, so its log never says so), a leader from its own
/// committed log — while the members that stay are never told so and keep serving.
/// </summary>
public sealed class MemberRemovalTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MemberRemove_AFollower_ItIsToldByAMemberAndTheOthersKeepServing()
    {
        await using StoreCluster cluster = await StoreCluster.StartAsync(3);
        int leader = await cluster.WaitForLeaderAsync();
        int removed = cluster.Ids.First(id => id != leader);
        using StoreClient client = cluster.Client(leader);

        await client.MemberRemoveAsync((ulong)removed);
        StoreMemberRemoved how = await cluster.Backend(removed).RemovedFromCluster.WaitAsync(Within);

        Assert.Equal(removed, how.Node);
        Assert.NotEqual(0, how.ToldBy); // a member told it: its own log never got the change
        Assert.NotEqual(removed, how.ToldBy);
        await client.PutAsync(Encoding.UTF8.GetBytes("after"), [1]);
        Assert.All(cluster.Ids.Where(id => id != removed), id => Assert.False(cluster.Backend(id).RemovedFromCluster.IsCompleted));
    }

    [Fact]
    public async Task MemberRemove_TheLeader_ItsOwnCommittedLogSaysSo()
    {
        await using StoreCluster cluster = await StoreCluster.StartAsync(3);
        int leader = await cluster.WaitForLeaderAsync();
        int other = cluster.Ids.First(id => id != leader);
        using StoreClient client = cluster.Client(other);

        await client.MemberRemoveAsync((ulong)leader);
        StoreMemberRemoved how = await cluster.Backend(leader).RemovedFromCluster.WaitAsync(Within);

        Assert.Equal((leader, 0), (how.Node, how.ToldBy));
        await client.PutAsync(Encoding.UTF8.GetBytes("after"), [1]);
        Assert.All(cluster.Ids.Where(id => id != leader), id => Assert.False(cluster.Backend(id).RemovedFromCluster.IsCompleted));
    }
}
