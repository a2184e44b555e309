using System.Net;
using System.Text;
using System.Text.Json;
using Arbiter.Store.Node;
using Arbiter.Store.Tests.Client;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// The cluster routes' raw HTTP: bad ids and bad peer URLs get etcd's gRPC code and HTTP status (checked against a
/// real etcd 3.4 with the same bytes), ids are uint64 strings, and peer URLs are parsed strictly.
/// </summary>
public sealed class ClusterRoutesTests
{
    private static readonly (string Path, string Body, int Code, HttpStatusCode Status)[] BadRequests =
    [
        ("v3/cluster/member/remove", "{\"ID\":\"abc\"}", 3, HttpStatusCode.BadRequest),   // not a number
        ("v3/cluster/member/promote", "{\"ID\":\"-1\"}", 3, HttpStatusCode.BadRequest),   // not a uint64
        ("v3/cluster/member/remove", "{\"ID\":\"77\"}", 5, HttpStatusCode.NotFound),      // no such member
        ("v3/cluster/member/promote", "{\"ID\":77}", 5, HttpStatusCode.NotFound),         // a number works too
        ("v3/cluster/member/add", "{\"peerURLs\":[\"not a url\"]}", 3, HttpStatusCode.BadRequest),
        ("v3/cluster/member/add", "{}", 3, HttpStatusCode.BadRequest),                    // no URL at all
        ("v3/cluster/member/add", "not json", 3, HttpStatusCode.BadRequest),
    ];

    [Fact]
    public async Task Arbiter_BadRequests_EtcdsCodeAndStatus()
    {
        await using StoreCluster cluster = await StoreCluster.StartAsync(1);
        foreach (var (path, body, code, status) in BadRequests)
        {
            var (gotCode, gotStatus) = await PostAsync(cluster.Endpoint(1), path, body);
            Assert.Equal((path, body, code, status), (path, body, gotCode, gotStatus));
        }
    }

    [EtcdFact]
    public async Task Etcd_BadRequests_EtcdsCodeAndStatus()
    {
        using EtcdProcess etcd = await EtcdProcess.StartAsync();
        foreach (var (path, body, code, status) in BadRequests)
        {
            var (gotCode, gotStatus) = await PostAsync(etcd.Endpoint, path, body);
            Assert.Equal((path, body, code, status), (path, body, gotCode, gotStatus));
        }
    }

    [Fact]
    public async Task MemberList_RawJson_IdIsAUint64String()
    {
        await using StoreCluster cluster = await StoreCluster.StartAsync(1);
        using var http = new HttpClient();
        string body = await (await http.PostAsync(new Uri(cluster.Endpoint(1), "v3/cluster/member/list"), new StringContent("{}"))).Content.ReadAsStringAsync();

        Assert.Contains("\"ID\":\"1\"", body, StringComparison.Ordinal);
        Assert.Contains("\"peerURLs\":[\"http://127.0.0.1:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("isLearner", body, StringComparison.Ordinal); // false is omitted, as etcd omits it
    }

    [Theory]
    [InlineData("http://127.0.0.1:2380", "127.0.0.1:2380")]
    [InlineData("http://127.0.0.1:2380/", "127.0.0.1:2380")]
    [InlineData("http://[::1]:2380", "[::1]:2380")]
    [InlineData("http://127.0.0.1", null)]           // no port
    [InlineData("https://127.0.0.1:2380", null)]     // Raft runs over plain TCP here
    [InlineData("http://localhost:2380", null)]      // a numeric IP, as --peers
    [InlineData("http://127.0.0.1:2380/raft", null)] // no path
    [InlineData("127.0.0.1:2380", null)]
    [InlineData(null, null)]
    public void ParsePeerUrl_OnlyHttpNumericIpAndPort(string? url, string? expected)
    {
        Assert.Equal(expected, RaftStoreBackend.ParsePeerUrl(url)?.ToString());
    }

    private static async Task<(int Code, HttpStatusCode Status)> PostAsync(Uri endpoint, string path, string body)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(endpoint, path), new StringContent(body, Encoding.UTF8, "application/json"));
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("code").GetInt32(), response.StatusCode);
    }
}
