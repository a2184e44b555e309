using System.Net;
using System.Net.Sockets;
using Arbiter.Store.Client;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// Issue 7's first membership gap: a member id is never handed out twice, even after every member restarted (when no
/// process remembers the removed id any more: only the replicated registry does).
/// </summary>
public sealed class MemberIdRestartTests
{
    [Fact]
    public async Task MemberAdd_AfterRemovalAndARestartOfEveryMember_GetsANewIdNotTheRemovedOne()
    {
        await using StoreCluster cluster = await StoreCluster.StartAsync(3);
        ulong first;
        using (StoreClient client = cluster.Client(await cluster.FollowerAsync()))
        {
            first = (await client.MemberAddAsync(FreePeerUrl(), learner: true)).Member!.Id;
            await client.MemberRemoveAsync(first);
        }

        foreach (int id in cluster.Ids)
        {
            await cluster.StopAsync(id);
        }

        foreach (int id in cluster.Ids)
        {
            await cluster.RestartAsync(id);
        }

        await cluster.WaitForLeaderAsync();
        using StoreClient again = cluster.Client(1);
        ulong second = (await again.MemberAddAsync(FreePeerUrl(), learner: true)).Member!.Id;
        var claim = await Assert.ThrowsAsync<StoreException>(() => again.MemberAddAsync(FreePeerUrl(), learner: true, id: first));

        Assert.Equal((4UL, 5UL), (first, second));
        Assert.Equal((9, 412), (claim.Code, claim.Status)); // the removed id asked for by name: refused too
        Assert.DoesNotContain((await again.MemberListAsync()).Members!, m => m.Id == first);
    }

    private static string FreePeerUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
