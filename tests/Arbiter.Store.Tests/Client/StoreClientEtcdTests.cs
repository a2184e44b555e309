using System.Text;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Tests.Client;

/// <summary>The client's election, status, watch and keep-alive calls against a real etcd 3.4 (one for the class).</summary>
public sealed class StoreClientEtcdTests(StoreClientEtcdTests.Etcd etcd) : IClassFixture<StoreClientEtcdTests.Etcd>
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static string S(byte[]? b) => b is null ? "" : Encoding.UTF8.GetString(b);

    /// <summary>One etcd and one client shared by the class (absent when etcd is not installed: the facts skip).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes through IAsyncLifetime.DisposeAsync")]
    public sealed class Etcd : IAsyncLifetime
    {
        public EtcdProcess? Process { get; private set; }

        public StoreClient? Client { get; private set; }

        public async Task InitializeAsync()
        {
            if (EtcdProcess.Binary is not null)
            {
                Process = await EtcdProcess.StartAsync();
                Client = new StoreClient([Process.Endpoint]);
            }
        }

        public Task DisposeAsync()
        {
            Client?.Dispose();
            Process?.Dispose();
            return Task.CompletedTask;
        }
    }

    [EtcdFact]
    public async Task Campaign_SecondCandidateWaitsUntilTheFirstResigns_ThenLeadsWithALaterToken()
    {
        StoreClient client = etcd.Client!;
        byte[] name = B("election/" + Guid.NewGuid().ToString("N"));
        long first = (await client.GrantLeaseAsync(30)).Id, second = (await client.GrantLeaseAsync(30)).Id;

        WireCampaignResponse a = await client.CampaignAsync(name, first, B("a"));
        Task<WireCampaignResponse> b = client.CampaignAsync(name, second, B("b"));
        await Task.Delay(300);
        Assert.False(b.IsCompleted); // a leads: b waits in line
        Assert.Equal("a", S((await client.LeaderAsync(name)).Kv!.Value));

        await client.ProclaimAsync(a.Leader!, B("a2"));
        Assert.Equal("a2", S((await client.LeaderAsync(name)).Kv!.Value));
        await client.ResignAsync(a.Leader!);
        WireCampaignResponse won = await b.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(second, won.Leader!.Lease);
        Assert.True(won.Leader.Rev > a.Leader!.Rev); // fencing tokens grow with each leadership
        Assert.Equal("b", S((await client.LeaderAsync(name)).Kv!.Value));
    }

    [EtcdFact]
    public async Task Observe_SeesTheLeaderThenEachProclaimedValue()
    {
        StoreClient client = etcd.Client!;
        byte[] name = B("observe/" + Guid.NewGuid().ToString("N"));
        long lease = (await client.GrantLeaseAsync(30)).Id;
        WireCampaignResponse won = await client.CampaignAsync(name, lease, B("v1"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();

        await foreach (WireLeaderResponse answer in client.ObserveAsync(name, stop.Token))
        {
            seen.Add(S(answer.Kv!.Value));
            if (seen.Count == 1)
            {
                await client.ProclaimAsync(won.Leader!, B("v2"));
            }
            else
            {
                break;
            }
        }

        Assert.Equal(["v1", "v2"], seen);
    }

    [EtcdFact]
    public async Task Leader_NobodyLeads_RefusedWithAMessage()
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => etcd.Client!.LeaderAsync(B("empty/" + Guid.NewGuid().ToString("N"))));

        Assert.Contains("no leader", e.Message, StringComparison.Ordinal);
        Assert.False(e.Indeterminate);
    }

    [EtcdFact]
    public async Task Status_OneMember_IsItsOwnLeaderWithAppliedIndexUpToTheLog()
    {
        WireStatusResponse status = await etcd.Client!.StatusAsync(etcd.Process!.Endpoint);

        Assert.Equal(status.Header!.MemberId, status.Leader);
        Assert.True(status.RaftTerm >= 1);
        Assert.True(status.RaftIndex >= status.RaftAppliedIndex && status.RaftAppliedIndex > 0);
        Assert.StartsWith("3.4", status.Version, StringComparison.Ordinal);
    }

    [EtcdFact]
    public async Task Watch_FromARevision_ReplaysPutsAndDeletesInOrder()
    {
        StoreClient client = etcd.Client!;
        string prefix = "watch/" + Guid.NewGuid().ToString("N") + "/";
        long start = (await client.PutAsync(B(prefix + "a"), B("1"))).Header!.Revision;
        await client.PutAsync(B(prefix + "b"), B("2"));
        await client.DeleteAsync(B(prefix + "a"));
        byte[] end = B(prefix);
        end[^1]++;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<string>();

        await foreach (WireWatchResponse message in client.WatchAsync(new WireWatchCreateRequest { Key = B(prefix), RangeEnd = end, StartRevision = start }, stop.Token))
        {
            events.AddRange((message.Events ?? []).Select(e => $"{e.Type ?? "PUT"} {S(e.Kv!.Key)[prefix.Length..]} {e.Kv.ModRevision - start}"));
            if (events.Count >= 3)
            {
                break;
            }
        }

        Assert.Equal(["PUT a 0", "PUT b 1", "DELETE a 2"], events);
    }

    [EtcdFact]
    public async Task LeaseKeeper_ShortLease_OutlivesItsTtlWhileKept_ThenExpiresWhenStopped()
    {
        StoreClient client = etcd.Client!;
        long lease = (await client.GrantLeaseAsync(2)).Id;
        await using (LeaseKeeper keeper = LeaseKeeper.Start(client, lease, TimeSpan.FromSeconds(2)))
        {
            await Task.Delay(TimeSpan.FromSeconds(3.5));
            Assert.False(keeper.Lost.IsCancellationRequested);
            Assert.True(keeper.Renewals >= 3);
            Assert.True((await client.TimeToLiveAsync(lease)).Ttl > 0);
        }

        await client.RevokeLeaseAsync(lease);
        Assert.Equal(-1, (await client.TimeToLiveAsync(lease)).Ttl);
    }

    [EtcdFact]
    public async Task LeaseKeeper_LeaseRevokedUnderIt_ReportsLost()
    {
        StoreClient client = etcd.Client!;
        long lease = (await client.GrantLeaseAsync(3)).Id;
        await using LeaseKeeper keeper = LeaseKeeper.Start(client, lease, TimeSpan.FromSeconds(3));
        await client.RevokeLeaseAsync(lease);

        await Task.Delay(Timeout.Infinite, keeper.Lost).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("expired or was revoked", keeper.LostReason, StringComparison.Ordinal);
    }

    [EtcdFact]
    public async Task ArbiterPath_OnEtcd_404NamesThePath()
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => etcd.Client!.GraphAsync());

        Assert.Equal(404, e.Status);
        Assert.Contains("/arbiter/v1/locks/graph", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryEndpointRefuses_TheErrorNamesEachOfThem()
    {
        using var client = new StoreClient([new Uri("http://127.0.0.1:9/"), new Uri("http://127.0.0.1:7/")]);

        var e = await Assert.ThrowsAsync<StoreException>(() => client.PutAsync(B("k"), B("v")));

        Assert.Contains("http://127.0.0.1:9/", e.Message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:7/", e.Message, StringComparison.Ordinal);
        Assert.False(e.Indeterminate); // refused before sending: certainly not applied
    }
}
