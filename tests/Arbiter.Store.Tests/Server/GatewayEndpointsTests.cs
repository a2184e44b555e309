using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;
using Arbiter.Store.Server;

namespace Arbiter.Store.Tests.Server;

/// <summary>The gateway's HTTP mapping — paths, JSON conventions, error bodies and statuses — over a scripted backend.</summary>
public class GatewayEndpointsTests
{
    [Fact]
    public async Task Put_Int64AsStringsAndBase64_RoundTripsThroughTheClient()
    {
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend());
        using var client = new StoreClient([server.Address]);

        WirePutResponse response = await client.PutAsync(Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("v"), lease: 7);

        Assert.Equal(long.MaxValue - 1, response.Header!.Revision); // beyond double precision: proves strings on the wire
        Assert.Equal("k=v lease 7", Encoding.UTF8.GetString(response.PrevKv!.Value!));
    }

    [Fact]
    public async Task RawJson_Int64WrittenAsString_ZeroFieldsOmitted()
    {
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend());
        using var http = new HttpClient();

        string body = await (await http.PostAsync(new Uri(server.Address, "v3/kv/put"), new StringContent("{\"key\":\"aw==\",\"value\":\"dg==\"}"))).Content.ReadAsStringAsync();

        Assert.Contains("\"revision\":\"9223372036854775806\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"lease\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"key\": 5}", 3)]
    [InlineData("{\"key\": \"aw==\", \"revision\": \"x\"}", 3)]
    [InlineData("not json", 3)]
    [InlineData("{\"key\": \"aw==\"} trailing", 3)]
    [InlineData("{\"key\": \"aw==\"}{}", 3)]
    public async Task MalformedJson_400WithCode3AndAMessage(string json, int code)
    {
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend());
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(server.Address, "v3/kv/range"), new StringContent(json));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"code\":{code}", body, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"json: ", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11, HttpStatusCode.BadRequest)]
    [InlineData(9, HttpStatusCode.PreconditionFailed)] // grpc-gateway v1, as etcd 3.4 (v2 gives 400)
    [InlineData(1, HttpStatusCode.RequestTimeout)]
    [InlineData(5, HttpStatusCode.NotFound)]
    [InlineData(14, HttpStatusCode.ServiceUnavailable)]
    [InlineData(4, HttpStatusCode.GatewayTimeout)]
    public async Task BackendRefusal_GrpcCodeMappedToTheGatewaysHttpStatus(int code, HttpStatusCode status)
    {
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend(code));
        using var client = new StoreClient([server.Address]);

        var e = await Assert.ThrowsAsync<StoreException>(() => client.RangeAsync(new WireRangeRequest { Key = [1] }));

        Assert.Equal(((int)status, code, "refused with " + code), (e.Status, e.Code, e.Message));
        Assert.Equal(code == 4, e.Indeterminate); // a timeout may have taken effect
    }

    [Fact]
    public async Task Put_BodyOfManyBufferSegments_ReadWholeAndAnsweredWithItsLength()
    {
        // 600 KB of value (800 KB of base64) arrives in many reads: the body is read whole, the answer carries a
        // Content-Length (one write, no chunked framing).
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend());
        using var http = new HttpClient();
        string value = new('v', 600_000);
        string json = $"{{\"key\":\"aw==\",\"value\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}\"}}";

        using var response = await http.PostAsync(new Uri(server.Address, "v3/kv/put"), new StringContent(json));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes($"k={value} lease 0")), Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizeRequest_RefusedAsEtcdDoes()
    {
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend());
        using var client = new StoreClient([server.Address]);

        var e = await Assert.ThrowsAsync<StoreException>(() => client.PutAsync([1], new byte[GatewayEndpoints.MaxRequestBytes]));

        Assert.Equal((400, 3, "etcdserver: request is too large"), (e.Status, e.Code, e.Message));
    }

    [Fact]
    public async Task Watch_StreamsOneJsonObjectPerLine()
    {
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend());
        using var http = new HttpClient();

        string body = await (await http.PostAsync(new Uri(server.Address, "v3/watch"), new StringContent("{\"create_request\":{\"key\":\"aw==\"}}"))).Content.ReadAsStringAsync();
        string[] lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.Contains("\"created\":true", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"type\":\"DELETE\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_StreamsEachLeaderChangeOnItsOwnLine()
    {
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend());
        using var http = new HttpClient();

        string body = await (await http.PostAsync(new Uri(server.Address, "v3/election/observe"), new StringContent("{\"name\":\"ZQ==\"}"))).Content.ReadAsStringAsync();
        string[] lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Contains("\"value\":\"Zmlyc3Q=\"", lines[0], StringComparison.Ordinal); // "first"
        Assert.Contains("\"value\":\"c2Vjb25k\"", lines[1], StringComparison.Ordinal); // "second"
    }

    [Fact]
    public async Task SemaphoreAcquire_ArbiterPathTakesInt32AsNumberOrString()
    {
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new ScriptedBackend());
        using var http = new HttpClient();

        string body = await (await http.PostAsync(new Uri(server.Address, "arbiter/v1/semaphore/acquire"),
            new StringContent("{\"name\":\"pool\",\"permits\":3,\"units\":\"2\",\"lease\":\"7\"}"))).Content.ReadAsStringAsync();

        Assert.Contains("\"name\":\"pool\"", body, StringComparison.Ordinal);
        Assert.Contains("\"token\":\"302\"", body, StringComparison.Ordinal);
    }

    /// <summary>Answers puts by echoing them, refuses everything else with the given code, streams a fixed watch.</summary>
    private sealed class ScriptedBackend(int refuse = 11) : RefusingStoreBackend
    {
        protected override StoreRefusedException Refusal() => new(refuse, "refused with " + refuse);

        public override Task<WirePutResponse> PutAsync(WirePutRequest request, CancellationToken cancellation) => Task.FromResult(new WirePutResponse
        {
            Header = new WireHeader { Revision = long.MaxValue - 1 },
            PrevKv = new WireKeyValue { Value = Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetString(request.Key!)}={Encoding.UTF8.GetString(request.Value!)} lease {request.Lease}") },
        });

        public override async IAsyncEnumerable<WireWatchResponse> WatchAsync(WireWatchCreateRequest request, [EnumeratorCancellation] CancellationToken cancellation)
        {
            yield return new WireWatchResponse { Created = true, WatchId = 1 };
            await Task.Yield();
            yield return new WireWatchResponse { WatchId = 1, Events = [new WireEvent { Kv = new WireKeyValue { Key = request.Key, ModRevision = 2 } }] };
            yield return new WireWatchResponse { WatchId = 1, Events = [new WireEvent { Type = "DELETE", Kv = new WireKeyValue { Key = request.Key, ModRevision = 3 } }] };
        }

        public override async IAsyncEnumerable<WireLeaderResponse> ObserveAsync(WireLeaderRequest request, [EnumeratorCancellation] CancellationToken cancellation)
        {
            await Task.Yield();
            yield return new WireLeaderResponse { Kv = new WireKeyValue { Key = request.Name, Value = "first"u8.ToArray() } };
            yield return new WireLeaderResponse { Kv = new WireKeyValue { Key = request.Name, Value = "second"u8.ToArray() } };
        }

        public override Task<WireGrantResponse> SemaphoreAcquireAsync(WireAcquireRequest request, CancellationToken cancellation) =>
            Task.FromResult(new WireGrantResponse { Name = request.Name, Token = request.Permits * 100 + request.Units });
    }
}
