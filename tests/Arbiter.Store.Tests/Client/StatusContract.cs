using System.Net;
using System.Text;
using System.Text.Json;

namespace Arbiter.Store.Tests.Client;

/// <summary>
/// The HTTP status of each refusal, written once and run against a real etcd 3.4 and against Arbiter: for every gRPC
/// code Arbiter answers with where etcd has a call that produces it, the same call, the same code, the same message
/// and the same HTTP status. etcd 3.4's gateway is grpc-gateway v1, whose table sends FailedPrecondition (9) to
/// 412 Precondition Failed (v2 changed it to 400; etcd 3.4 does not use v2). Raw HTTP, so the status is read as it
/// is on the wire. Code 10 (aborted) has no etcd call to compare with: Arbiter gives it for deadlocks only.
/// </summary>
public static class StatusContract
{
    private static readonly (string What, string Path, string Body, int Code, HttpStatusCode Status, string Message)[] Refusals =
    [
        ("empty key", "v3/kv/range", "{\"key\":\"\"}", 3, HttpStatusCode.BadRequest, "etcdserver: key is not provided"),
        ("unknown lease", "v3/lease/revoke", "{\"ID\":\"7340033\"}", 5, HttpStatusCode.NotFound, "etcdserver: requested lease not found"),
        ("put under an unknown lease", "v3/kv/put", "{\"key\":\"c3RhdHVz\",\"value\":\"eA==\",\"lease\":\"7340033\"}", 5, HttpStatusCode.NotFound, "etcdserver: requested lease not found"),
        ("lease id taken", "v3/lease/grant", "{\"TTL\":\"60\",\"ID\":\"7340034\"}", 9, HttpStatusCode.PreconditionFailed, "etcdserver: lease already exists"),
        ("TTL too large", "v3/lease/grant", "{\"TTL\":\"99999999999\"}", 11, HttpStatusCode.BadRequest, "etcdserver: too large lease TTL"),
        ("compacted revision", "v3/kv/range", "{\"key\":\"c3RhdHVz\",\"revision\":\"2\"}", 11, HttpStatusCode.BadRequest, "etcdserver: mvcc: required revision has been compacted"),
        ("future revision", "v3/kv/range", "{\"key\":\"c3RhdHVz\",\"revision\":\"1000000\"}", 11, HttpStatusCode.BadRequest, "etcdserver: mvcc: required revision is a future revision"),
    ];

    /// <summary>Against a fresh single member at <paramref name="endpoint"/>.</summary>
    public static async Task Refusals_CodeMessageAndHttpStatusMatchEtcd(Uri endpoint)
    {
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(20) };

        // Set up what the refusals need: a lease that exists, and a history compacted past revision 2.
        await OkAsync(http, "v3/lease/grant", "{\"TTL\":\"60\",\"ID\":\"7340034\"}");
        long revision = 0;
        for (int i = 0; i < 4; i++)
        {
            using JsonDocument put = await OkAsync(http, "v3/kv/put", "{\"key\":\"c3RhdHVz\",\"value\":\"eA==\"}");
            revision = long.Parse(put.RootElement.GetProperty("header").GetProperty("revision").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        (await OkAsync(http, "v3/kv/compaction", $"{{\"revision\":\"{revision - 1}\"}}")).Dispose();

        foreach (var (what, path, body, code, status, message) in Refusals)
        {
            Assert.Equal((what, status, code, message), (what, await RefusedAsync(http, path, body) is var r ? r.Status : 0, r.Code, r.Message));
        }

        // Membership: promoting a voter is a failed precondition too.
        using JsonDocument list = await OkAsync(http, "v3/cluster/member/list", "{}");
        string self = list.RootElement.GetProperty("members")[0].GetProperty("ID").GetString()!;
        var promote = await RefusedAsync(http, "v3/cluster/member/promote", $"{{\"ID\":\"{self}\"}}");
        Assert.Equal((HttpStatusCode.PreconditionFailed, 9, "etcdserver: can only promote a learner member"), promote);
    }

    private static async Task<JsonDocument> OkAsync(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} {body}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    private static async Task<(HttpStatusCode Status, int Code, string Message)> RefusedAsync(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body));
        using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, error.RootElement.GetProperty("code").GetInt32(), error.RootElement.GetProperty("message").GetString()!);
    }
}
