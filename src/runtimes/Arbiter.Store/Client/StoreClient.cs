using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Client;

/// <summary>
/// A client of etcd v3's JSON gateway: the same calls drive Arbiter's store and a real etcd (same paths, same
/// shapes), which is what makes the side-by-side benchmark and the shared contract tests possible.
/// </summary>
/// <remarks>
/// Thread-safe; one instance serves many concurrent callers over pooled keep-alive connections. Endpoints are tried
/// in turn: a refused connection moves to the next one at once (nothing was sent, so retrying is safe); a broken or
/// timed-out exchange after sending is reported as <see cref="StoreException.Indeterminate"/> and never retried, because
/// a write may have taken effect — retrying would turn one put into two.
/// Calls that wait for the store (lock, campaign, semaphore, reader-writer lock, barrier) and streams (watch, observe)
/// are not bounded by the timeout: a wait for a lock lasts as long as the lock is held elsewhere; cancel them with
/// the token instead. The other calls are split by area over the partial files StoreClient.*.cs.
/// </remarks>
public sealed partial class StoreClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly HttpClient _waiting;
    private readonly Uri[] _endpoints;
    private int _current;

    /// <summary>Creates a client of <paramref name="endpoints"/> (e.g. http://127.0.0.1:2379).</summary>
    public StoreClient(IReadOnlyList<Uri> endpoints, TimeSpan? timeout = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("at least one endpoint is needed", nameof(endpoints));
        }

        _endpoints = [.. endpoints];
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = System.Threading.Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        _http = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        _waiting = new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoints, in the order they are tried.</summary>
    public IReadOnlyList<Uri> Endpoints => _endpoints;

    /// <summary>The endpoint that answered last (the first one before any call): where an error came from.</summary>
    public Uri CurrentEndpoint => _endpoints[Volatile.Read(ref _current)];

    /// <summary>The time limit of one call that does not wait for the store.</summary>
    public TimeSpan Timeout => _http.Timeout;

    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/>.</summary>
    public Task<WirePutResponse> PutAsync(byte[] key, byte[] value, long lease = 0, bool prevKv = false, CancellationToken cancellation = default) =>
        CallAsync("v3/kv/put", new WirePutRequest { Key = key, Value = value, Lease = lease, PrevKv = prevKv },
            WireJson.Default.WirePutRequest, WireJson.Default.WirePutResponse, cancellation);

    /// <summary>Reads a key or a range.</summary>
    public Task<WireRangeResponse> RangeAsync(WireRangeRequest request, CancellationToken cancellation = default) =>
        CallAsync("v3/kv/range", request, WireJson.Default.WireRangeRequest, WireJson.Default.WireRangeResponse, cancellation);

    /// <summary>Reads one key; null when it is absent.</summary>
    public async Task<WireKeyValue?> GetAsync(byte[] key, bool serializable = false, CancellationToken cancellation = default)
    {
        WireRangeResponse response = await RangeAsync(new WireRangeRequest { Key = key, Serializable = serializable }, cancellation).ConfigureAwait(false);
        return response.Kvs is [var kv, ..] ? kv : null;
    }

    /// <summary>Deletes a key or a range.</summary>
    public Task<WireDeleteRangeResponse> DeleteAsync(byte[] key, byte[]? rangeEnd = null, bool prevKv = false, CancellationToken cancellation = default) =>
        CallAsync("v3/kv/deleterange", new WireDeleteRangeRequest { Key = key, RangeEnd = rangeEnd, PrevKv = prevKv },
            WireJson.Default.WireDeleteRangeRequest, WireJson.Default.WireDeleteRangeResponse, cancellation);

    /// <summary>Runs a transaction.</summary>
    public Task<WireTxnResponse> TxnAsync(WireTxnRequest request, CancellationToken cancellation = default) =>
        CallAsync("v3/kv/txn", request, WireJson.Default.WireTxnRequest, WireJson.Default.WireTxnResponse, cancellation);

    /// <summary>
    /// Compare-and-set: writes <paramref name="value"/> only if the key's value is <paramref name="expected"/>
    /// (null: only if the key is absent). Returns whether it wrote.
    /// </summary>
    public async Task<bool> CompareAndSetAsync(byte[] key, byte[]? expected, byte[] value, CancellationToken cancellation = default)
    {
        WireCompare compare = expected is null
            ? new WireCompare { Key = key, Target = "CREATE", Result = "EQUAL", CreateRevision = 0 }
            : new WireCompare { Key = key, Target = "VALUE", Result = "EQUAL", Value = expected };
        var request = new WireTxnRequest
        {
            Compare = [compare],
            Success = [new WireRequestOp { RequestPut = new WirePutRequest { Key = key, Value = value } }],
        };
        return (await TxnAsync(request, cancellation).ConfigureAwait(false)).Succeeded;
    }

    /// <summary>Grants a lease of <paramref name="ttlSeconds"/>.</summary>
    public Task<WireLeaseResponse> GrantLeaseAsync(long ttlSeconds, long id = 0, CancellationToken cancellation = default) =>
        CallAsync("v3/lease/grant", new WireLeaseGrantRequest { Ttl = ttlSeconds, Id = id },
            WireJson.Default.WireLeaseGrantRequest, WireJson.Default.WireLeaseResponse, cancellation);

    /// <summary>Revokes a lease, deleting its keys and releasing what it held.</summary>
    public Task<WireHeaderResponse> RevokeLeaseAsync(long id, CancellationToken cancellation = default) =>
        CallAsync("v3/lease/revoke", new WireLeaseIdRequest { Id = id },
            WireJson.Default.WireLeaseIdRequest, WireJson.Default.WireHeaderResponse, cancellation);

    /// <summary>Renews a lease once; the answer's TTL is the time granted (0 or less: the lease is gone).</summary>
    public async Task<WireLeaseResponse> KeepAliveOnceAsync(long id, CancellationToken cancellation = default)
    {
        // The gateway streams keep-alive answers; a single request gets one streamed message.
        WireStreamed<WireLeaseResponse> streamed = await CallAsync("v3/lease/keepalive", new WireLeaseIdRequest { Id = id },
            WireJson.Default.WireLeaseIdRequest, WireJson.Default.WireStreamedWireLeaseResponse, cancellation).ConfigureAwait(false);
        if (streamed.Error is { } error)
        {
            throw new StoreException((int)HttpStatusCode.OK, error.Code, error.Message ?? error.Error ?? "keep-alive failed");
        }

        return streamed.Result ?? new WireLeaseResponse { Id = id };
    }

    /// <summary>Asks how long a lease has left (TTL -1: expired or unknown).</summary>
    public Task<WireLeaseResponse> TimeToLiveAsync(long id, bool keys = false, CancellationToken cancellation = default) =>
        CallAsync("v3/lease/timetolive", new WireLeaseIdRequest { Id = id, Keys = keys },
            WireJson.Default.WireLeaseIdRequest, WireJson.Default.WireLeaseResponse, cancellation);

    /// <summary>
    /// Waits for the named lock, held while <paramref name="lease"/> lives; returns the ownership key (the header's
    /// revision is the fencing token). Not bounded by the timeout: cancel to give up.
    /// </summary>
    public Task<WireLockResponse> LockAsync(byte[] name, long lease, CancellationToken cancellation = default) =>
        CallAsync("v3/lock/lock", new WireLockRequest { Name = name, Lease = lease },
            WireJson.Default.WireLockRequest, WireJson.Default.WireLockResponse, cancellation, waits: true);

    /// <summary>Releases a lock by the key <see cref="LockAsync"/> returned.</summary>
    public Task<WireHeaderResponse> UnlockAsync(byte[] key, CancellationToken cancellation = default) =>
        CallAsync("v3/lock/unlock", new WireUnlockRequest { Key = key },
            WireJson.Default.WireUnlockRequest, WireJson.Default.WireHeaderResponse, cancellation);

    /// <inheritdoc/>
    public void Dispose()
    {
        _waiting.Dispose();
        _http.Dispose();
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string path, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellation,
        bool waits = false, int only = -1)
    {
        (byte[] payload, int index) = await CallBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(request, requestType), waits, only, cancellation).ConfigureAwait(false);
        return Parse(payload, responseType, index, path);
    }

    private TResponse Parse<TResponse>(byte[] payload, JsonTypeInfo<TResponse> responseType, int index, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, responseType)
                ?? throw new StoreException(200, 0, $"{_endpoints[index]}{path}: empty answer");
        }
        catch (JsonException e)
        {
            throw new StoreException(200, 0, $"{_endpoints[index]}{path}: not an etcd v3 JSON answer ({e.Message})", e);
        }
    }

    /// <summary>One call's successful answer body, and the index of the endpoint that gave it; a refusal throws.</summary>
    private async Task<(byte[] Payload, int Index)> CallBytesAsync(string path, byte[] body, bool waits, int only, CancellationToken cancellation)
    {
        (HttpResponseMessage response, int index) = await SendAsync(path, body, waits, HttpCompletionOption.ResponseContentRead, only, cancellation).ConfigureAwait(false);
        using (response)
        {
            byte[] payload = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? (payload, index) : throw Refusal(response, payload, path);
        }
    }

    /// <summary>
    /// Posts <paramref name="body"/> to the current endpoint, moving on to the next one only when a connection was
    /// refused (nothing sent). When every endpoint refuses, the error names each of them.
    /// </summary>
    private async Task<(HttpResponseMessage Response, int Index)> SendAsync(string path, byte[] body, bool waits,
        HttpCompletionOption completion, int only, CancellationToken cancellation)
    {
        HttpClient http = waits ? _waiting : _http;
        int start = only >= 0 ? only : Volatile.Read(ref _current);
        int tries = only >= 0 ? 1 : _endpoints.Length;
        var refused = new List<string>();
        for (int attempt = 0; ; attempt++)
        {
            int index = (start + attempt) % _endpoints.Length;
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoints[index], path))
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
            };
            try
            {
                HttpResponseMessage response = await http.SendAsync(message, completion, cancellation).ConfigureAwait(false);
                if (only < 0)
                {
                    Volatile.Write(ref _current, index);
                }

                return (response, index);
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError && attempt + 1 < tries)
            {
                refused.Add($"{_endpoints[index]}: {e.Message}");
                continue; // refused before anything was sent: the next endpoint is safe to try
            }
            catch (HttpRequestException e)
            {
                bool sent = e.HttpRequestError is not HttpRequestError.ConnectionError and not HttpRequestError.NameResolutionError;
                refused.Add($"{_endpoints[index]}: {e.Message}");
                string text = sent ? refused[^1] : string.Join("; ", refused);
                throw new StoreException(0, 14, text, e) { Indeterminate = sent };
            }
            catch (TaskCanceledException e) when (!cancellation.IsCancellationRequested)
            {
                throw new StoreException(0, 4, $"{_endpoints[index]}: no answer within {http.Timeout.TotalSeconds:0.#} s", e) { Indeterminate = true };
            }
        }
    }

    private static StoreException Refusal(HttpResponseMessage response, byte[] payload, string path)
    {
        WireError? error = TryRead(payload, WireJson.Default.WireError);
        return new StoreException((int)response.StatusCode, error?.Code ?? 0,
            error?.Message ?? error?.Error ?? (response.StatusCode is HttpStatusCode.NotFound
                ? $"/{path} is not served here (HTTP 404; etcd has no /arbiter/ paths)"
                : $"/{path}: HTTP {(int)response.StatusCode} with no etcd error body"))
        {
            Indeterminate = response.StatusCode is HttpStatusCode.GatewayTimeout,
        };
    }

    private static T? TryRead<T>(byte[] payload, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
