using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// Three members on loopback TCP with fsync'd logs, driven over HTTP: requests served on the leader and on followers,
/// leases expiring through the log, locks handed over in FIFO order with rising fencing tokens, a cross-client
/// deadlock refused with the cycle, watches from history into live events, and a member restarted from its data.
/// </summary>
public sealed class RaftStoreClusterTests : IClassFixture<RaftStoreClusterTests.Cluster>
{
    private readonly StoreCluster _cluster;

    public RaftStoreClusterTests(Cluster fixture)
    {
        _cluster = fixture.Value;
    }

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static string Unique(string prefix) => prefix + "/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Put_OnAFollower_ReadBackAtOnceFromThatFollowersOwnState()
    {
        int follower = await _cluster.FollowerAsync();
        using var client = _cluster.Client(follower);
        byte[] key = B(Unique("node/ryw"));

        WirePutResponse put = await client.PutAsync(key, B("v1"));
        // Serializable: this follower's own replica, no leader involved — yet the write is there (read-your-writes).
        WireKeyValue? local = await client.GetAsync(key, serializable: true);

        Assert.NotNull(local);
        Assert.Equal("v1", Encoding.UTF8.GetString(local.Value!));
        Assert.Equal(put.Header!.Revision, local.ModRevision);
        Assert.Equal((ulong)follower, put.Header.MemberId);
    }

    [Fact]
    public async Task TxnAndDelete_OnLeaderAndFollower_SameStoreSeenByBoth()
    {
        int leader = await _cluster.WaitForLeaderAsync();
        int follower = _cluster.Ids.First(id => id != leader);
        using var onLeader = _cluster.Client(leader);
        using var onFollower = _cluster.Client(follower);
        byte[] key = B(Unique("node/txn"));

        Assert.True(await onFollower.CompareAndSetAsync(key, null, B("a")));
        Assert.False(await onLeader.CompareAndSetAsync(key, B("zzz"), B("b")));
        Assert.True(await onLeader.CompareAndSetAsync(key, B("a"), B("c")));
        Assert.Equal("c", Encoding.UTF8.GetString((await onFollower.GetAsync(key))!.Value!));

        WireDeleteRangeResponse deleted = await onFollower.DeleteAsync(key, prevKv: true);
        Assert.Equal(1, deleted.Deleted);
        Assert.Equal("c", Encoding.UTF8.GetString(deleted.PrevKvs![0].Value!));
        Assert.Null(await onLeader.GetAsync(key));
    }

    [Fact]
    public async Task Lease_NotRenewed_ItsKeyGoesThroughTheLog_RenewedKeyStays()
    {
        int follower = await _cluster.FollowerAsync();
        using var client = _cluster.Client(follower);
        WireLeaseResponse dying = await client.GrantLeaseAsync(1);
        WireLeaseResponse renewed = await client.GrantLeaseAsync(2);
        byte[] dyingKey = B(Unique("node/lease/dying")), renewedKey = B(Unique("node/lease/renewed"));
        await client.PutAsync(dyingKey, B("x"), dying.Id);
        await client.PutAsync(renewedKey, B("y"), renewed.Id);

        // Renew one lease through a follower (forwarded to the leader's lessor) for well past both TTLs.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3.5);
        while (DateTime.UtcNow < until)
        {
            WireLeaseResponse kept = await client.KeepAliveOnceAsync(renewed.Id);
            Assert.Equal(2, kept.Ttl);
            await Task.Delay(400);
        }

        Assert.Null(await client.GetAsync(dyingKey, serializable: true)); // gone on this follower too: it came through the log
        Assert.Equal(-1, (await client.TimeToLiveAsync(dying.Id)).Ttl);
        Assert.Equal(0, (await client.KeepAliveOnceAsync(dying.Id)).Ttl); // etcd answers an unknown lease with TTL 0
        Assert.NotNull(await client.GetAsync(renewedKey));
        WireLeaseResponse left = await client.TimeToLiveAsync(renewed.Id, keys: true);
        Assert.InRange(left.Ttl, 1, 2);
        Assert.Equal(renewedKey, Assert.Single(left.Keys!));
        await client.RevokeLeaseAsync(renewed.Id);
    }

    [Fact]
    public async Task Lock_ThreeClientsOnThreeMembers_GrantedInArrivalOrderWithRisingTokens()
    {
        string name = Unique("node/mutex");
        var clients = _cluster.Ids.Select(id => _cluster.Client(id)).ToList();
        try
        {
            var leases = new List<long>();
            foreach (var c in clients)
            {
                leases.Add((await c.GrantLeaseAsync(60)).Id);
            }

            WireLockResponse first = await clients[0].LockAsync(B(name), leases[0]);
            Task<WireLockResponse> second = clients[1].LockAsync(B(name), leases[1]);
            await WaitUntilAsync(async () => (await GraphAsync(0)).Waits!.Count(w => w.Resource == name) == 1);
            Task<WireLockResponse> third = clients[2].LockAsync(B(name), leases[2]);
            await WaitUntilAsync(async () => (await GraphAsync(0)).Waits!.Count(w => w.Resource == name) == 2);
            Assert.False(second.IsCompleted);
            Assert.False(third.IsCompleted);

            await clients[0].UnlockAsync(first.Key!);
            WireLockResponse secondGot = await second.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(third.IsCompleted);
            await clients[1].UnlockAsync(secondGot.Key!);
            WireLockResponse thirdGot = await third.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal($"{name}/{leases[1]:x}", Encoding.UTF8.GetString(secondGot.Key!));
            Assert.True(first.Header!.Revision < secondGot.Header!.Revision);
            Assert.True(secondGot.Header.Revision < thirdGot.Header!.Revision);
            await clients[2].UnlockAsync(thirdGot.Key!);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Lock_TwoClientsTwoLocksCrossed_OneRefusedWithCode10NamingTheCycle_GraphShowsTheEdges()
    {
        int follower = await _cluster.FollowerAsync();
        int leader = await _cluster.WaitForLeaderAsync();
        using var a = _cluster.Client(leader);
        using var b = _cluster.Client(follower);
        string m1 = Unique("node/dl/m1"), m2 = Unique("node/dl/m2");
        long la = (await a.GrantLeaseAsync(60)).Id, lb = (await b.GrantLeaseAsync(60)).Id;
        await a.LockAsync(B(m1), la);
        await b.LockAsync(B(m2), lb);

        Task<WireLockResponse> aWaits = a.LockAsync(B(m2), la);
        await WaitUntilAsync(async () => (await GraphAsync(follower)).WaitsFor!.Any(e => e.From == la && e.To == lb));
        var refused = await Assert.ThrowsAsync<StoreException>(() => b.LockAsync(B(m1), lb));

        Assert.Equal(10, refused.Code);
        Assert.Equal(409, refused.Status);
        Assert.Contains(m1, refused.Message, StringComparison.Ordinal);
        Assert.Contains(m2, refused.Message, StringComparison.Ordinal);
        WireGraphResponse graph = await GraphAsync(follower);
        Assert.Contains(graph.Holds!, h => h.Resource == m1 && h.Lease == la);
        Assert.Contains(graph.Holds!, h => h.Resource == m2 && h.Lease == lb);
        Assert.Contains(graph.Waits!, w => w.Resource == m2 && w.Lease == la);
        Assert.DoesNotContain(graph.Waits!, w => w.Resource == m1 && w.Lease == lb); // the victim's wait was failed
        Assert.True(graph.DeadlocksBroken >= 1);

        await b.RevokeLeaseAsync(lb); // the victim's lease ends: m2 passes to the waiter
        WireLockResponse aGot = await aWaits.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal($"{m2}/{la:x}", Encoding.UTF8.GetString(aGot.Key!));
        await a.RevokeLeaseAsync(la);
    }

    [Fact]
    public async Task Watch_FromAnOldRevision_HistoryThenLiveEventsInOrder()
    {
        int follower = await _cluster.FollowerAsync();
        using var client = _cluster.Client(follower);
        string prefix = Unique("node/watch") + "/";
        long first = (await client.PutAsync(B(prefix + "a"), B("1"))).Header!.Revision;
        await client.PutAsync(B(prefix + "b"), B("2"));
        await client.DeleteAsync(B(prefix + "a"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        byte[] end = B(prefix);
        end[^1]++;
        var body = new WireWatchRequest { CreateRequest = new WireWatchCreateRequest { Key = B(prefix), RangeEnd = end, StartRevision = first } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_cluster.Endpoint(follower), "v3/watch"))
        {
            Content = JsonContent.Create(body, WireJson.Default.WireWatchRequest),
        };
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = new List<string>();
        async Task ReadUntilAsync(int count)
        {
            while (seen.Count < count)
            {
                string line = (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!;
                var message = JsonSerializer.Deserialize(line, WireJson.Default.WireStreamedWireWatchResponse)!.Result!;
                foreach (WireEvent e in message.Events ?? [])
                {
                    seen.Add($"{e.Type ?? "PUT"} {Encoding.UTF8.GetString(e.Kv!.Key!)[prefix.Length..]}@{e.Kv.ModRevision - first}");
                }
            }
        }

        await ReadUntilAsync(3); // history
        await client.PutAsync(B(prefix + "c"), B("3")); // live, through the same follower
        await _cluster.Client(await _cluster.WaitForLeaderAsync()).PutAsync(B(prefix + "b"), B("4")); // live, through the leader
        await ReadUntilAsync(5);

        Assert.Equal(["PUT a@0", "PUT b@1", "DELETE a@2", "PUT c@3", "PUT b@4"], seen);
    }

    [Fact]
    public async Task Status_EveryMember_SameLeaderAndVotersItsOwnId()
    {
        int leader = await _cluster.WaitForLeaderAsync();
        foreach (int id in _cluster.Ids)
        {
            WireStatusResponse status = await _cluster.Backend(id).StatusAsync(new WireStatusRequest(), CancellationToken.None);
            Assert.Equal(leader, (int)status.Leader);
            Assert.Equal((ulong)id, status.Header!.MemberId);
            Assert.Equal([1L, 2L, 3L], status.Voters!);
            Assert.True(status.RaftAppliedIndex <= status.RaftIndex);
        }
    }

    private async Task<WireGraphResponse> GraphAsync(int member)
    {
        using var http = new HttpClient();
        Uri endpoint = member == 0 ? _cluster.Endpoint(_cluster.Ids[0]) : _cluster.Endpoint(member);
        using var response = await http.PostAsync(new Uri(endpoint, "arbiter/v1/locks/graph"), new StringContent("{}"));
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(), WireJson.Default.WireGraphResponse)!;
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }

    /// <summary>The three-member cluster the tests share.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        public StoreCluster Value { get; private set; } = null!;

        public async Task InitializeAsync() => Value = await StoreCluster.StartAsync(3);

        public async Task DisposeAsync() => await Value.DisposeAsync();
    }
}
