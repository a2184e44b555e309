using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Watches;

/// <summary>
/// The watchers of one store and what each must receive: on creation the history since its start revision, then
/// every applied change in its range, in revision order, exactly once. Pure: the server calls
/// <see cref="Create"/> and <see cref="Publish"/> on the thread that applies the log and sends what they return.
/// </summary>
/// <remarks>
/// <para>Source: etcd's <c>server/mvcc/watchable_store.go</c> (synced and unsynced watcher groups, the compacted
/// case) and the etcd API guarantees for watch ("ordered, reliable, atomic"). Because creation and publication run
/// in the apply order, a new watcher is synced the moment it is created: it gets the history [start, current] from
/// the store and every later change from <see cref="Publish"/>; each watcher remembers the next revision it is owed,
/// so nothing is sent twice even if history and a publication overlap.</para>
/// <para><b>Exactly once across reconnects</b> is the client's half of the contract: it resumes with
/// start_revision = last revision received + 1. When that revision has been compacted the hub cancels the watch
/// with the compacted revision, so the client knows what it missed instead of silently losing it.</para>
/// <para>Cost: create O(keys in range + history); publish O(watchers × events) (etcd indexes range watchers in an
/// interval tree; a linear scan is enough at this scale and kept simple).</para>
/// </remarks>
public sealed class WatchHub
{
    private readonly SortedDictionary<long, Watcher> _watchers = [];
    private long _lastId;

    /// <summary>The number of live watchers.</summary>
    public int Count => _watchers.Count;

    /// <summary>
    /// Creates a watcher. Returns the created response followed, if the start revision is retained and not in the
    /// future, by one response with the history since then; if it was compacted, the created response and a canceled
    /// one carrying the compacted revision (as etcd), and no watcher stays.
    /// </summary>
    /// <param name="request">The watch.</param>
    /// <param name="kv">The store (its current state is what has been applied so far).</param>
    /// <returns>The responses to send, in order.</returns>
    public IReadOnlyList<WatchResponse> Create(WatchCreateRequest request, MvccStore kv)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(kv);
        var header = new ResponseHeader { Revision = kv.CurrentRevision };
        if (request.WatchId < 0 || _watchers.ContainsKey(request.WatchId))
        {
            return [new WatchResponse { Header = header, WatchId = request.WatchId, Created = true, Canceled = true, CancelReason = "watch id is in use or negative" }];
        }

        long id = request.WatchId != 0 ? request.WatchId : NextId();
        _lastId = Math.Max(_lastId, id);
        var created = new WatchResponse { Header = header, WatchId = id, Created = true };
        if (request.Key.Length == 0)
        {
            return [new WatchResponse { Header = header, WatchId = id, Created = true, Canceled = true, CancelReason = StoreErrors.Message(StoreError.EmptyKey) }];
        }

        var watcher = new Watcher(
            new KeyRange(request.Key, request.RangeEnd),
            request.PrevKv,
            request.Filters.Contains(WatchFilter.NoPut),
            request.Filters.Contains(WatchFilter.NoDelete))
        {
            Next = request.StartRevision > 0 ? request.StartRevision : kv.CurrentRevision + 1,
        };

        if (watcher.Next > kv.CurrentRevision)
        {
            // Only future changes: nothing to replay (a start beyond the next revision simply waits for it).
            _watchers.Add(id, watcher);
            return [created];
        }

        if (kv.EventsSince(watcher.Range, watcher.Next, out var history) == StoreError.Compacted)
        {
            return
            [
                created,
                new WatchResponse { Header = header, WatchId = id, Canceled = true, CompactRevision = kv.CompactRevision, CancelReason = StoreErrors.Message(StoreError.Compacted) },
            ];
        }

        _watchers.Add(id, watcher);
        var events = watcher.Take(history);
        watcher.Next = kv.CurrentRevision + 1;
        return events.Count == 0 ? [created] : [created, new WatchResponse { Header = header, WatchId = id, Events = events }];
    }

    /// <summary>Ends a watcher.</summary>
    /// <param name="watchId">The watcher.</param>
    /// <returns>True if it existed.</returns>
    public bool Cancel(long watchId) => _watchers.Remove(watchId);

    /// <summary>
    /// The events of one applied command (<c>StoreResult.Events</c>, one revision) for every watcher that wants some.
    /// </summary>
    /// <param name="events">The events, in revision order.</param>
    /// <param name="revision">The store revision after them (the responses' header).</param>
    /// <returns>One response per watcher with events, by watch id.</returns>
    public IReadOnlyList<WatchResponse> Publish(IReadOnlyList<StoreEvent> events, long revision)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return [];
        }

        var responses = new List<WatchResponse>();
        foreach (var (id, watcher) in _watchers)
        {
            var mine = watcher.Take(events);
            watcher.Next = Math.Max(watcher.Next, revision + 1);
            if (mine.Count > 0)
            {
                responses.Add(new WatchResponse { Header = new ResponseHeader { Revision = revision }, WatchId = id, Events = mine });
            }
        }

        return responses;
    }

    private long NextId()
    {
        long id = _lastId + 1;
        while (_watchers.ContainsKey(id))
        {
            id++;
        }

        return id;
    }

    private sealed class Watcher(KeyRange range, bool prevKv, bool noPut, bool noDelete)
    {
        public KeyRange Range { get; } = range;

        /// <summary>The first revision this watcher has not been sent yet.</summary>
        public long Next { get; set; }

        public List<StoreEvent> Take(IReadOnlyList<StoreEvent> events)
        {
            var mine = new List<StoreEvent>();
            foreach (var e in events)
            {
                if (e.Kv.ModRevision < Next || !Range.Contains(e.Kv.Key)
                    || (noPut && e.Type == EventType.Put) || (noDelete && e.Type == EventType.Delete))
                {
                    continue;
                }

                mine.Add(prevKv || e.PrevKv is null ? e : new StoreEvent { Type = e.Type, Kv = e.Kv, Sub = e.Sub });
            }

            return mine;
        }
    }
}
