using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbiter.Distributed.Tracing;
using Arbiter.Store.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Arbiter.Store.Server;

/// <summary>
/// etcd v3's JSON gateway on ASP.NET Core: the same paths and shapes (POST /v3/kv/put …), so etcd's own clients, curl
/// scripts and <c>arbiter bench store</c> drive Arbiter unchanged. Errors are etcd's: a JSON body
/// <c>{"error", "code", "message"}</c> with the HTTP status grpc-gateway gives the gRPC code.
/// </summary>
public static class GatewayEndpoints
{
    /// <summary>The largest request body accepted, as etcd's default --max-request-bytes (1.5 MiB).</summary>
    public const int MaxRequestBytes = 1_572_864;

    /// <summary>
    /// How much of a body over <see cref="MaxRequestBytes"/> is read (and dropped) before the error is answered; a
    /// body declared larger is refused at once (the connection then closes under it).
    /// </summary>
    public const int DrainLimit = 64 << 20;

    /// <summary>Maps the gateway's routes onto <paramref name="routes"/>, served by <paramref name="backend"/>.</summary>
    public static void Map(IEndpointRouteBuilder routes, IStoreBackend backend)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(backend);
        WireJson json = WireJson.Default;
        Post(routes, "/v3/kv/range", json.WireRangeRequest, json.WireRangeResponse, backend.RangeAsync);
        Post(routes, "/v3/kv/put", json.WirePutRequest, json.WirePutResponse, backend.PutAsync);
        Post(routes, "/v3/kv/deleterange", json.WireDeleteRangeRequest, json.WireDeleteRangeResponse, backend.DeleteRangeAsync);
        Post(routes, "/v3/kv/txn", json.WireTxnRequest, json.WireTxnResponse, backend.TxnAsync);
        Post(routes, "/v3/kv/compaction", json.WireCompactionRequest, json.WireHeaderResponse, backend.CompactAsync);
        Post(routes, "/v3/lease/grant", json.WireLeaseGrantRequest, json.WireLeaseResponse, backend.LeaseGrantAsync);
        Post(routes, "/v3/lease/revoke", json.WireLeaseIdRequest, json.WireHeaderResponse, backend.LeaseRevokeAsync);
        Post(routes, "/v3/kv/lease/revoke", json.WireLeaseIdRequest, json.WireHeaderResponse, backend.LeaseRevokeAsync);
        Post(routes, "/v3/lease/timetolive", json.WireLeaseIdRequest, json.WireLeaseResponse, backend.LeaseTimeToLiveAsync);
        Post(routes, "/v3/kv/lease/timetolive", json.WireLeaseIdRequest, json.WireLeaseResponse, backend.LeaseTimeToLiveAsync);
        Post(routes, "/v3/lock/lock", json.WireLockRequest, json.WireLockResponse, backend.LockAsync);
        Post(routes, "/v3/lock/unlock", json.WireUnlockRequest, json.WireHeaderResponse, backend.UnlockAsync);
        Post(routes, "/v3/election/campaign", json.WireCampaignRequest, json.WireCampaignResponse, backend.CampaignAsync);
        Post(routes, "/v3/election/proclaim", json.WireProclaimRequest, json.WireHeaderResponse, backend.ProclaimAsync);
        Post(routes, "/v3/election/leader", json.WireLeaderRequest, json.WireLeaderResponse, backend.LeaderAsync);
        Post(routes, "/v3/election/resign", json.WireResignRequest, json.WireHeaderResponse, backend.ResignAsync);
        Post(routes, "/v3/maintenance/status", json.WireStatusRequest, json.WireStatusResponse, backend.StatusAsync);
        Post(routes, "/v3/cluster/member/list", json.WireMemberListRequest, json.WireMemberListResponse, backend.MemberListAsync);
        Post(routes, "/v3/cluster/member/add", json.WireMemberAddRequest, json.WireMemberAddResponse, backend.MemberAddAsync);
        Post(routes, "/v3/cluster/member/remove", json.WireMemberIdRequest, json.WireMemberListResponse, backend.MemberRemoveAsync);
        Post(routes, "/v3/cluster/member/promote", json.WireMemberIdRequest, json.WireMemberListResponse, backend.MemberPromoteAsync);
        Post(routes, "/arbiter/v1/semaphore/acquire", json.WireAcquireRequest, json.WireGrantResponse, backend.SemaphoreAcquireAsync);
        Post(routes, "/arbiter/v1/semaphore/release", json.WireReleaseRequest, json.WireHeaderResponse, backend.ReleaseAsync);
        Post(routes, "/arbiter/v1/rwlock/lock", json.WireReadWriteLockRequest, json.WireGrantResponse, backend.ReadWriteLockAsync);
        Post(routes, "/arbiter/v1/rwlock/unlock", json.WireReleaseRequest, json.WireHeaderResponse, backend.ReleaseAsync);
        Post(routes, "/arbiter/v1/barrier/arrive", json.WireArriveRequest, json.WireGrantResponse, backend.BarrierArriveAsync);
        Post(routes, "/arbiter/v1/locks/graph", json.WireGraphRequest, json.WireGraphResponse, backend.GraphAsync);
        routes.MapPost("/v3/lease/keepalive", (HttpContext http) => KeepAliveAsync(http, backend));
        routes.MapPost("/v3/election/observe", (HttpContext http) => StreamAsync(http, WireJson.Default.WireLeaderRequest,
            WireJson.Default.WireStreamedWireLeaderResponse, r => backend.ObserveAsync(r, http.RequestAborted)));
        routes.MapPost("/v3/watch", (HttpContext http) => WatchAsync(http, backend));
    }

    private static void Post<TRequest, TResponse>(IEndpointRouteBuilder routes, string path, JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType, Func<TRequest, CancellationToken, Task<TResponse>> handler)
        where TRequest : class
    {
        routes.MapPost(path, async (HttpContext http) =>
        {
            StageTrace.Mark(TraceStage.GatewayEnter);
            TRequest? request = await ReadAsync(http, requestType).ConfigureAwait(false);
            if (request is null)
            {
                return; // ReadAsync answered with the error
            }

            TResponse response;
            try
            {
                response = await handler(request, http.RequestAborted).ConfigureAwait(false);
                StageTrace.Mark(TraceStage.GatewayResume);
            }
            catch (StoreRefusedException e)
            {
                await ErrorAsync(http, e.Code, e.Message).ConfigureAwait(false);
                return;
            }

            await WriteAsync(http, response, responseType).ConfigureAwait(false);
            StageTrace.Mark(TraceStage.GatewayWritten);
        });
    }

    /// <summary>
    /// Answers with <paramref name="value"/> as one JSON body of known length: one write, no chunked framing, no
    /// separate flush — what a small unary answer needs (SerializeAsync to the body stream chunks it and flushes).
    /// </summary>
    private static Task WriteAsync<T>(HttpContext http, T value, JsonTypeInfo<T> type)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(value, type);
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    private static async Task KeepAliveAsync(HttpContext http, IStoreBackend backend)
    {
        WireLeaseIdRequest? request = await ReadAsync(http, WireJson.Default.WireLeaseIdRequest).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        // etcd streams keep-alive answers, one per request message; a POST carries one message, so one answer.
        WireStreamed<WireLeaseResponse> streamed;
        try
        {
            streamed = new WireStreamed<WireLeaseResponse> { Result = await backend.LeaseKeepAliveAsync(request, http.RequestAborted).ConfigureAwait(false) };
        }
        catch (StoreRefusedException e)
        {
            streamed = new WireStreamed<WireLeaseResponse> { Error = new WireError { Code = e.Code, Error = e.Message, Message = e.Message } };
        }

        await WriteAsync(http, streamed, WireJson.Default.WireStreamedWireLeaseResponse).ConfigureAwait(false);
    }

    private static async Task WatchAsync(HttpContext http, IStoreBackend backend)
    {
        WireWatchRequest? request = await ReadAsync(http, WireJson.Default.WireWatchRequest).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (request.CreateRequest is not { } create)
        {
            await ErrorAsync(http, 3, "watch: only create_request is supported over HTTP").ConfigureAwait(false);
            return;
        }

        await WriteStreamAsync(http, WireJson.Default.WireStreamedWireWatchResponse, backend.WatchAsync(create, http.RequestAborted)).ConfigureAwait(false);
    }

    private static async Task StreamAsync<TRequest, TMessage>(HttpContext http, JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<WireStreamed<TMessage>> streamedType, Func<TRequest, IAsyncEnumerable<TMessage>> open)
        where TRequest : class
        where TMessage : class
    {
        TRequest? request = await ReadAsync(http, requestType).ConfigureAwait(false);
        if (request is not null)
        {
            await WriteStreamAsync(http, streamedType, open(request)).ConfigureAwait(false);
        }
    }

    private static async Task WriteStreamAsync<TMessage>(HttpContext http, JsonTypeInfo<WireStreamed<TMessage>> streamedType, IAsyncEnumerable<TMessage> messages)
        where TMessage : class
    {
        // One JSON object per line, flushed at once, as grpc-gateway streams: a client sees each event as it happens.
        http.Response.ContentType = "application/json";
        byte[] newline = "\n"u8.ToArray();
        try
        {
            await foreach (TMessage message in messages.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(http.Response.Body, new WireStreamed<TMessage> { Result = message }, streamedType, http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.WriteAsync(newline, http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the stream simply ends.
        }
        catch (StoreRefusedException e) when (!http.Response.HasStarted)
        {
            await ErrorAsync(http, e.Code, e.Message).ConfigureAwait(false);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type)
        where T : class
    {
        if (http.Request.ContentLength > DrainLimit)
        {
            await ErrorAsync(http, 3, "etcdserver: request is too large").ConfigureAwait(false);
            return null;
        }

        PipeReader reader = http.Request.BodyReader;
        ReadResult read;
        while (true)
        {
            // The whole body stays in the pipe's buffers (examined, not consumed) until the end: no copy into a
            // stream of our own.
            read = await reader.ReadAsync(http.RequestAborted).ConfigureAwait(false);
            if (read.Buffer.Length > MaxRequestBytes)
            {
                // Read the rest and drop it before answering: a client still sending when the answer comes and the
                // connection closes would see a reset, not the error.
                while (!read.IsCompleted && !read.IsCanceled)
                {
                    reader.AdvanceTo(read.Buffer.End);
                    read = await reader.ReadAsync(http.RequestAborted).ConfigureAwait(false);
                }

                reader.AdvanceTo(read.Buffer.End);
                await ErrorAsync(http, 3, "etcdserver: request is too large").ConfigureAwait(false);
                return null;
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        try
        {
            if (read.Buffer.Length == 0)
            {
                return JsonSerializer.Deserialize("{}", type);
            }

            // One segment (a small body, the usual case): read in place; else joined once. Either way the whole
            // body must be one JSON value, as before (trailing bytes are an error).
            ReadOnlySpan<byte> body = read.Buffer.IsSingleSegment ? read.Buffer.FirstSpan : read.Buffer.ToArray();
            return JsonSerializer.Deserialize(body, type) ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            // Name where the JSON went wrong, as etcd's gateway does ("json: cannot unmarshal ...").
            await ErrorAsync(http, 3, $"json: {e.Message}").ConfigureAwait(false);
            return null;
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    private static async Task ErrorAsync(HttpContext http, int code, string message)
    {
        http.Response.StatusCode = new StoreRefusedException(code, message).HttpStatus;
        await WriteAsync(http, new WireError { Error = message, Code = code, Message = message }, WireJson.Default.WireError).ConfigureAwait(false);
    }
}
