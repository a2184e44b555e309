using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Client;

// The gateway's streams (watch, observe): grpc-gateway writes one JSON object per line, each message wrapped in
// {"result": …} and a failure that ends the stream as {"error": …}. A stream ends when the server closes it or the
// caller cancels; it is never bounded by the client's timeout.
public sealed partial class StoreClient
{
    /// <summary>
    /// Watches a key or a range: first the confirmation (<see cref="WireWatchResponse.Created"/>), then every change
    /// in revision order, until <paramref name="cancellation"/> fires or the server ends the watch
    /// (<see cref="WireWatchResponse.Canceled"/>, e.g. a start revision already compacted).
    /// </summary>
    public IAsyncEnumerable<WireWatchResponse> WatchAsync(WireWatchCreateRequest request, CancellationToken cancellation = default) =>
        StreamAsync("v3/watch", new WireWatchRequest { CreateRequest = request }, WireJson.Default.WireWatchRequest,
            WireJson.Default.WireStreamedWireWatchResponse, only: -1, connected: null, cancellation);

    /// <summary>
    /// Watches as <see cref="WatchAsync"/> does, and outlives broken streams: when one breaks (server restarted,
    /// member killed, connection reset) the watch is re-created on the next endpoint in turn, after a short doubling
    /// back-off (<paramref name="options"/>), from the last delivered revision + 1, so the caller gets one
    /// confirmation and then every event exactly once, in revision order. <paramref name="resumed"/> hears of each
    /// reconnection before it is tried. Runs until <paramref name="cancellation"/> fires or the store ends the watch:
    /// a start revision compacted while the stream was down arrives as a <see cref="WireWatchResponse.Canceled"/>
    /// message with <see cref="WireWatchResponse.CompactRevision"/>, the last one. Failures before the first
    /// confirmation, and refusals, are thrown as from <see cref="WatchAsync"/>.
    /// </summary>
    public IAsyncEnumerable<WireWatchResponse> WatchResumingAsync(WireWatchCreateRequest request, Action<WatchResumed>? resumed = null,
        WatchResumeOptions? options = null, CancellationToken cancellation = default) =>
        WatchResumer.RunAsync(request, _endpoints, OpenWatch, options ?? new WatchResumeOptions(), resumed, cancellation);

    /// <summary>Observes an election: the current leader (once there is one), then every change of leader or value.</summary>
    public IAsyncEnumerable<WireLeaderResponse> ObserveAsync(byte[] name, CancellationToken cancellation = default) =>
        StreamAsync("v3/election/observe", new WireLeaderRequest { Name = name }, WireJson.Default.WireLeaderRequest,
            WireJson.Default.WireStreamedWireLeaderResponse, only: -1, connected: null, cancellation);

    /// <summary>One watch stream for <see cref="WatchResumer"/>; a reconnection that answers becomes the current endpoint.</summary>
    private IAsyncEnumerable<WireWatchResponse> OpenWatch(WireWatchCreateRequest request, int endpoint, Action<int> connected, CancellationToken cancellation) =>
        StreamAsync("v3/watch", new WireWatchRequest { CreateRequest = request }, WireJson.Default.WireWatchRequest,
            WireJson.Default.WireStreamedWireWatchResponse, endpoint, index =>
            {
                Volatile.Write(ref _current, index); // error lines name the endpoint the watch is on
                connected(index);
            }, cancellation);

    private async IAsyncEnumerable<TMessage> StreamAsync<TRequest, TMessage>(string path, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<WireStreamed<TMessage>> streamedType, int only, Action<int>? connected,
        [EnumeratorCancellation] CancellationToken cancellation)
        where TMessage : class
    {
        (HttpResponseMessage response, int index) = await SendAsync(path, JsonSerializer.SerializeToUtf8Bytes(request, requestType),
            waits: true, HttpCompletionOption.ResponseHeadersRead, only, cancellation).ConfigureAwait(false);
        using (response)
        {
            connected?.Invoke(index);
            if (!response.IsSuccessStatusCode)
            {
                byte[] payload = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
                throw Refusal(response, payload, path);
            }

            Stream body = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
            using var reader = new StreamReader(body);
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellation).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    // The connection broke mid-stream: the caller resumes from the last revision it saw.
                    throw new StoreException(0, 14, $"{_endpoints[index]}: the stream broke: {e.Message}", e) { Indeterminate = true };
                }

                if (line is null)
                {
                    yield break;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                WireStreamed<TMessage> streamed;
                try
                {
                    streamed = JsonSerializer.Deserialize(line, streamedType)
                        ?? throw new StoreException((int)response.StatusCode, 0, $"{_endpoints[index]}{path}: empty stream message");
                }
                catch (JsonException e)
                {
                    throw new StoreException((int)response.StatusCode, 0, $"{_endpoints[index]}{path}: not a stream message ({e.Message})", e);
                }

                if (streamed.Error is { } error)
                {
                    throw new StoreException((int)response.StatusCode, error.Code, error.Message ?? error.Error ?? "the stream ended with an error");
                }

                if (streamed.Result is { } message)
                {
                    yield return message;
                }
            }
        }
    }
}
