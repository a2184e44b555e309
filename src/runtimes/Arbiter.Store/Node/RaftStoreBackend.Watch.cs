using System.Threading.Channels;
using Arbiter.Store.Gateway;
using Arbiter.Store.Watches;

namespace Arbiter.Store.Node;

// Watches: history from the requested revision, then live events, in revision order, with no gap and no repeat —
// because the hub replays the history and registers the watcher in one step on the node's thread, the same thread that
// publishes each applied entry's events.
public sealed partial class RaftStoreBackend
{
    /// <inheritdoc/>
    public async IAsyncEnumerable<WireWatchResponse> WatchAsync(WireWatchCreateRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var create = new WatchCreateRequest
        {
            Key = request.Key ?? [],
            RangeEnd = request.RangeEnd ?? [],
            StartRevision = request.StartRevision,
            PrevKv = request.PrevKv,
        };
        var stream = Channel.CreateUnbounded<WireWatchResponse>(new UnboundedChannelOptions { SingleReader = true });
        long id = await LocalAsync(() =>
        {
            lock (_watchStreams)
            {
                IReadOnlyList<WatchResponse> first = _watches.Create(create, _node!.Replica.Machine.Kv);
                foreach (WatchResponse response in first)
                {
                    stream.Writer.TryWrite(ToWire(response));
                }

                long watch = first[0].WatchId;
                if (first.Any(r => r.Canceled))
                {
                    _watches.Cancel(watch);
                    stream.Writer.TryComplete();
                }
                else
                {
                    _watchStreams[watch] = stream;
                }

                return watch;
            }
        }, 0, cancellation).ConfigureAwait(false);
        try
        {
            await foreach (WireWatchResponse message in stream.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                yield return message;
            }
        }
        finally
        {
            _ = CancelWatchAsync(id, stream);
        }
    }

    private async Task CancelWatchAsync(long id, Channel<WireWatchResponse> stream)
    {
        try
        {
            await LocalAsync(() =>
            {
                lock (_watchStreams)
                {
                    if (_watchStreams.TryGetValue(id, out var live) && live == stream)
                    {
                        _watchStreams.Remove(id);
                        _watches.Cancel(id);
                    }
                }

                return true;
            }, 0, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Server.StoreRefusedException)
        {
            // Stopping: the hub goes with the member.
        }
    }

    private WireWatchResponse ToWire(WatchResponse response) => new()
    {
        Header = Header(response.Header.Revision),
        WatchId = response.WatchId,
        Created = response.Created,
        Canceled = response.Canceled,
        CompactRevision = response.CompactRevision,
        CancelReason = response.CancelReason.Length == 0 ? null : response.CancelReason,
        Events = response.Events.Count == 0 ? null : [.. response.Events.Select(WireMapping.ToWire)],
    };
}
