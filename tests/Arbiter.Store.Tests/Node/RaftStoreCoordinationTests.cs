using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// Arbiter's waits beyond etcd's lock, over HTTP on a three-member cluster, each client on a different member: a
/// counting semaphore, a barrier, and an election with campaign, observe, proclaim and resign.
/// </summary>
public sealed class RaftStoreCoordinationTests : IClassFixture<RaftStoreClusterTests.Cluster>
{
    private readonly StoreCluster _cluster;

    public RaftStoreCoordinationTests(RaftStoreClusterTests.Cluster fixture)
    {
        _cluster = fixture.Value;
    }

    private static string Unique(string prefix) => prefix + "/" + Guid.NewGuid().ToString("N");

    private async Task<TResponse> PostAsync<TRequest, TResponse>(int member, string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync(new Uri(_cluster.Endpoint(member), path), JsonContent.Create(request, requestType));
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            WireError error = JsonSerializer.Deserialize(body, WireJson.Default.WireError)!;
            throw new StoreException((int)response.StatusCode, error.Code, error.Message ?? "");
        }

        return JsonSerializer.Deserialize(body, responseType)!;
    }

    private async Task<long> LeaseAsync(int member)
    {
        using var client = _cluster.Client(member);
        return (await client.GrantLeaseAsync(60)).Id;
    }

    [Fact]
    public async Task Semaphore_TwoPermits_ThirdWaitsUntilARelease_TokensRise()
    {
        string name = Unique("node/sem");
        var ids = _cluster.Ids;
        long[] leases = [await LeaseAsync(ids[0]), await LeaseAsync(ids[1]), await LeaseAsync(ids[2])];
        Task<WireGrantResponse> Acquire(int i) => PostAsync(ids[i], "arbiter/v1/semaphore/acquire",
            new WireAcquireRequest { Name = name, Permits = 2, Units = 1, Lease = leases[i] }, WireJson.Default.WireAcquireRequest, WireJson.Default.WireGrantResponse);

        WireGrantResponse a = await Acquire(0);
        WireGrantResponse b = await Acquire(1);
        Task<WireGrantResponse> c = Acquire(2);
        await Task.Delay(300);
        Assert.False(c.IsCompleted); // both permits are held

        await PostAsync(ids[0], "arbiter/v1/semaphore/release", new WireReleaseRequest { Name = name, Lease = leases[0] },
            WireJson.Default.WireReleaseRequest, WireJson.Default.WireHeaderResponse);
        WireGrantResponse got = await c.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(a.Token < b.Token && b.Token < got.Token);
        Assert.Equal(name, got.Name);
    }

    [Fact]
    public async Task Barrier_ThreeParties_NobodyPassesUntilTheLastArrives()
    {
        string name = Unique("node/barrier");
        var ids = _cluster.Ids;
        long[] leases = [await LeaseAsync(ids[0]), await LeaseAsync(ids[1]), await LeaseAsync(ids[2])];
        Task<WireGrantResponse> Arrive(int i) => PostAsync(ids[i], "arbiter/v1/barrier/arrive",
            new WireArriveRequest { Name = name, Parties = 3, Lease = leases[i] }, WireJson.Default.WireArriveRequest, WireJson.Default.WireGrantResponse);

        Task<WireGrantResponse> first = Arrive(0), second = Arrive(1);
        await Task.Delay(300);
        Assert.False(first.IsCompleted || second.IsCompleted);
        WireGrantResponse last = await Arrive(2);
        WireGrantResponse[] waited = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(waited, w => Assert.Equal(last.Token, w.Token)); // released by the same entry
    }

    [Fact]
    public async Task Election_CampaignObserveProclaimResign_LeadershipPassesInOrder()
    {
        byte[] name = Encoding.UTF8.GetBytes(Unique("node/election"));
        var ids = _cluster.Ids;
        long first = await LeaseAsync(ids[0]), second = await LeaseAsync(ids[1]);
        WireCampaignResponse won = await PostAsync(ids[0], "v3/election/campaign",
            new WireCampaignRequest { Name = name, Lease = first, Value = "one"u8.ToArray() }, WireJson.Default.WireCampaignRequest, WireJson.Default.WireCampaignResponse);
        Task<WireCampaignResponse> next = PostAsync(ids[1], "v3/election/campaign",
            new WireCampaignRequest { Name = name, Lease = second, Value = "two"u8.ToArray() }, WireJson.Default.WireCampaignRequest, WireJson.Default.WireCampaignResponse);

        // Observe from the third member: the current leader first, then each change.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_cluster.Endpoint(ids[2]), "v3/election/observe"))
        {
            Content = JsonContent.Create(new WireLeaderRequest { Name = name }, WireJson.Default.WireLeaderRequest),
        };
        using HttpResponseMessage stream = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        async Task<string> NextAsync()
        {
            string line = (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!;
            WireKeyValue kv = JsonSerializer.Deserialize(line, WireJson.Default.WireStreamedWireLeaderResponse)!.Result!.Kv!;
            return $"{kv.Lease:x}={Encoding.UTF8.GetString(kv.Value!)}";
        }

        Assert.Equal($"{first:x}=one", await NextAsync());
        await PostAsync(ids[0], "v3/election/proclaim", new WireProclaimRequest { Leader = won.Leader, Value = "uno"u8.ToArray() },
            WireJson.Default.WireProclaimRequest, WireJson.Default.WireHeaderResponse);
        Assert.Equal($"{first:x}=uno", await NextAsync());
        Assert.False(next.IsCompleted);

        await PostAsync(ids[0], "v3/election/resign", new WireResignRequest { Leader = won.Leader },
            WireJson.Default.WireResignRequest, WireJson.Default.WireHeaderResponse);
        WireCampaignResponse took = await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal($"{second:x}=two", await NextAsync());

        Assert.Equal(Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetString(name)}/{second:x}"), took.Leader!.Key);
        Assert.True(took.Leader.Rev > won.Leader!.Rev);
        WireLeaderResponse leader = await PostAsync(ids[2], "v3/election/leader", new WireLeaderRequest { Name = name },
            WireJson.Default.WireLeaderRequest, WireJson.Default.WireLeaderResponse);
        Assert.Equal(second, leader.Kv!.Lease);
    }
}
