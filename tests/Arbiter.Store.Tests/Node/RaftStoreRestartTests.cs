using System.Text;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Tests.Node;

/// <summary>A member stopped and restarted from its data directory recovers its log and catches up with what it missed.</summary>
public sealed class RaftStoreRestartTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Restart_FollowerStoppedWhileWritesGoOn_RecoversFromDiskAndCatchesUp()
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        int leader = await cluster.WaitForLeaderAsync();
        int follower = cluster.Ids.First(id => id != leader);
        using var writer = cluster.Client(leader);
        await writer.PutAsync(B("restart/before"), B("1"));
        using (var probe = cluster.Client(follower))
        {
            await RaftStoreClusterTests.WaitUntilAsync(async () => await probe.GetAsync(B("restart/before"), serializable: true) is not null);
        }

        await cluster.StopAsync(follower);
        long last = 0;
        for (int i = 0; i < 30; i++)
        {
            last = (await writer.PutAsync(B($"restart/during/{i}"), B(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Header!.Revision;
        }

        await cluster.RestartAsync(follower);
        using var restarted = cluster.Client(follower);
        await RaftStoreClusterTests.WaitUntilAsync(async () => await restarted.GetAsync(B("restart/during/29"), serializable: true) is not null);

        WireRangeResponse all = await restarted.RangeAsync(new WireRangeRequest { Key = B("restart/"), RangeEnd = B("restart0"), Serializable = true });
        Assert.Equal(31, all.Count);
        Assert.Equal(last, all.Header!.Revision);
        WireStatusResponse status = await cluster.Backend(follower).StatusAsync(new WireStatusRequest(), CancellationToken.None);
        Assert.Equal(leader, (int)status.Leader);
        Assert.Equal("1", Encoding.UTF8.GetString((await restarted.GetAsync(B("restart/before")))!.Value!));
    }

    [Fact]
    public async Task Restart_EmbeddedSingleMember_EverythingComesBackFromItsDataDirectory()
    {
        await using var cluster = await StoreCluster.StartAsync(1);
        using (var client = cluster.Client(1))
        {
            await client.PutAsync(B("alone/a"), B("1"));
            await client.PutAsync(B("alone/a"), B("2"));
            await client.PutAsync(B("alone/b"), B("3"));
        }

        await cluster.StopAsync(1);
        await cluster.RestartAsync(1); // no peers to learn from: only its own fsync'd log
        await cluster.WaitForLeaderAsync();

        using var again = cluster.Client(1);
        WireKeyValue a = (await again.GetAsync(B("alone/a")))!;
        Assert.Equal(("2", 2L), (Encoding.UTF8.GetString(a.Value!), a.Version));
        Assert.NotNull(await again.GetAsync(B("alone/b")));
        Assert.Equal(5, (await again.PutAsync(B("alone/c"), B("4"))).Header!.Revision); // revisions 2-4 were the three puts before
    }

    [Fact]
    public async Task Put_QuorumLost_RefusedAfterTheTimeoutAsUnknownCode4()
    {
        await using var cluster = await StoreCluster.StartAsync(3, requestTimeout: TimeSpan.FromSeconds(1));
        int leader = await cluster.WaitForLeaderAsync();
        foreach (int other in cluster.Ids.Where(id => id != leader))
        {
            await cluster.StopAsync(other);
        }

        using var client = cluster.Client(leader);
        var e = await Assert.ThrowsAsync<Arbiter.Store.Client.StoreException>(() => client.PutAsync(B("lost/k"), B("v")));

        // Either the leader still leads and the entry waits for a quorum (timed out: unknown), or check-quorum made
        // it step down and nobody leads (unavailable); never a success.
        Assert.Contains(e.Code, (int[])[4, 14]);
        Assert.Equal(e.Code == 4, e.Indeterminate);
    }

    [Fact]
    public async Task KeepAlive_ThroughAFollowerWhileTheLeaderIsStopped_LeaseSurvivesThenExpiresWhenRenewalsStop()
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        int leader = await cluster.WaitForLeaderAsync();
        int follower = cluster.Ids.First(id => id != leader);
        using var client = cluster.Client(follower);
        long lease = (await client.GrantLeaseAsync(2)).Id;
        byte[] key = B("failover/lease-key");
        await client.PutAsync(key, B("v"), lease);

        var stoppedAt = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        var renewUntil = DateTime.UtcNow + TimeSpan.FromSeconds(4);
        bool stopped = false;
        var ttls = new List<long>();
        while (DateTime.UtcNow < renewUntil)
        {
            if (!stopped && DateTime.UtcNow >= stoppedAt)
            {
                await cluster.StopAsync(leader);
                stopped = true;
            }

            ttls.Add((await client.KeepAliveOnceAsync(lease)).Ttl); // retried inside while there is no leader
            await Task.Delay(300);
        }

        int newLeader = await cluster.WaitForLeaderAsync();
        Assert.NotEqual(leader, newLeader);
        Assert.All(ttls, ttl => Assert.Equal(2, ttl)); // never lapsed, also across the change of leader
        Assert.NotNull(await client.GetAsync(key));

        await RaftStoreClusterTests.WaitUntilAsync(async () => await client.GetAsync(key) is null, seconds: 6);
        Assert.Equal(-1, (await client.TimeToLiveAsync(lease)).Ttl);
    }
}
