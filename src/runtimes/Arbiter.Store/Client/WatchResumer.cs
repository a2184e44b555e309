using System.Runtime.CompilerServices;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Client;

/// <summary>
/// A watch that outlives its streams: when one breaks (server restarted, member killed, connection reset, the
/// server closing it), the watch is re-created on the next endpoint in turn, after a doubling back-off, from the last
/// delivered revision + 1 — so the caller sees one confirmation and then every event exactly once, in revision order.
/// </summary>
/// <remarks>
/// <para>Source: etcd's clientv3 watcher (<c>client/v3/watch.go</c>: a broken watch stream is re-created with
/// <c>start_revision</c> = last received + 1, and a compacted start cancels the watch with the compact revision)
/// and the etcd API guarantees for watch (ordered, reliable, atomic). The revision bookkeeping is
/// <see cref="WatchCursor"/>; this loop only adds the transport: which endpoint, when, and what counts as broken.</para>
/// <para>Why resuming is always safe here, unlike the client's other calls: a watch writes nothing, so re-sending it
/// cannot do anything twice; the cursor drops any event at a revision already delivered.</para>
/// <para>Until the first confirmation, failures are mostly the caller's (bad endpoint, refusal): they are thrown as
/// from <see cref="StoreClient.WatchAsync"/>. One exception: a member that answers and then says it cannot serve the
/// watch for now ("unavailable": stopping, no leader) is not the caller's fault, and another member may serve it, so
/// the next endpoints are tried, each once, before that answer is thrown. After the confirmation, transport failures
/// and "unavailable" are retried without limit (cancel the token to stop); a refusal (a wrong request, a path not
/// served) is thrown; a cancellation by the store — a compacted start revision — is passed on as the last message.</para>
/// <para>Cost: per message, <see cref="WatchCursor.Take"/>'s O(events); per break, one new stream.</para>
/// </remarks>
internal static class WatchResumer
{
    /// <summary>
    /// Opens one stream of <paramref name="request"/> at endpoint <paramref name="endpoint"/> (-1: the client's
    /// current one, failing over on a refused connection) and calls <paramref name="connected"/> with the index of
    /// the endpoint that answered.
    /// </summary>
    public delegate IAsyncEnumerable<WireWatchResponse> Opener(WireWatchCreateRequest request, int endpoint, Action<int> connected, CancellationToken cancellation);

    public static async IAsyncEnumerable<WireWatchResponse> RunAsync(WireWatchCreateRequest request, IReadOnlyList<Uri> endpoints,
        Opener open, WatchResumeOptions options, Action<WatchResumed>? resumed, [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        var cursor = new WatchCursor(request.StartRevision);
        int index = -1;          // the endpoint of the current stream; -1 until the first one answers
        bool confirmed = false;  // the caller has had its one Created message
        int attempt = 0;         // reconnections in a row that did not get a confirmation
        int unconfirmed = 0;     // streams opened before the first confirmation
        while (true)
        {
            string reason;
            bool refused = false; // ended by a resumable refusal (rather than by the server ending the stream)
            WireWatchCreateRequest current = confirmed ? cursor.Resume(request) : request;
            if (!confirmed)
            {
                unconfirmed++;
            }

            // index is -1 only for the very first stream: the client's current endpoint, failing over on a refused
            // connection. Every later stream names the endpoint after the last one that answered.
            await using (IAsyncEnumerator<WireWatchResponse> messages = open(current, index, i => index = i, cancellation).GetAsyncEnumerator(cancellation))
            {
                while (true)
                {
                    WireWatchResponse message;
                    try
                    {
                        if (!await messages.MoveNextAsync().ConfigureAwait(false))
                        {
                            reason = "the server ended the stream";
                            break;
                        }

                        message = messages.Current;
                    }
                    // Before the confirmation only while some endpoint has not had its try: a member that answered
                    // and is stopping, or has no leader, is worth passing over once, but not for ever (then it is
                    // the caller's to decide). The exception filter leaves the last refusal to propagate as it is.
                    catch (StoreException e) when (Resumable(e) && !cancellation.IsCancellationRequested
                        && (confirmed || (index >= 0 && unconfirmed < endpoints.Count)))
                    {
                        reason = e.Message;
                        refused = true;
                        break;
                    }

                    if (message.Canceled)
                    {
                        yield return message; // the store ended the watch (e.g. compacted): nothing to resume
                        yield break;
                    }

                    if (message.Created)
                    {
                        cursor.Confirmed(message.Header?.Revision ?? 0);
                        attempt = 0;
                        if (!confirmed)
                        {
                            confirmed = true;
                            yield return message;
                        }

                        continue; // a re-created stream's confirmation is the transport's business, not the caller's
                    }

                    if (message.Events is { Count: > 0 } events)
                    {
                        IReadOnlyList<WireEvent> fresh = cursor.Take(events);
                        if (fresh.Count > 0)
                        {
                            yield return ReferenceEquals(fresh, events) ? message : message with { Events = fresh };
                        }

                        continue;
                    }

                    yield return message; // a progress notification
                }
            }

            if (index < 0 || (!confirmed && !refused))
            {
                throw new StoreException(0, 14, $"{(index >= 0 ? endpoints[index] : endpoints[0])}: the watch stream ended before the store confirmed it");
            }

            attempt++;
            index = (index + 1) % endpoints.Count;
            TimeSpan delay = options.Backoff(attempt);
            resumed?.Invoke(new WatchResumed(attempt, cursor.Next, endpoints[index], delay, reason));
            await Task.Delay(delay, options.Time, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Failures a re-created stream may cure: no answer, a broken connection, an unavailable or overloaded member
    /// (503/502/504, gRPC 14 or 4). A refusal of the request itself would only be refused again.
    /// </summary>
    private static bool Resumable(StoreException e) => e.Status is 0 or 502 or 503 or 504 || e.Code is 14 or 4;
}
