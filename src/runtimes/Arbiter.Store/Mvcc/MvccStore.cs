using System.Diagnostics;
using Arbiter.Store.Commands;

namespace Arbiter.Store.Mvcc;

/// <summary>
/// The multi-version key-value store: every change has a revision, each key keeps its create/mod revision and
/// version, reads can go to any retained revision, and compaction forgets history.
/// </summary>
/// <remarks>
/// <para>Source: etcd v3's <c>server/mvcc</c> (kvstore.go, kvstore_txn.go, key_index.go, index.go) and its API
/// documentation ("KV API guarantees", "Revisions"). Semantics match etcd: an empty store is at revision 1, so the
/// first write gets revision 2; a write request or a transaction with at least one change bumps the revision once,
/// its changes numbered by sub-revision; deleting nothing changes nothing; a read at revision r fails with
/// <see cref="StoreError.Compacted"/> when r &lt; the compacted revision and with
/// <see cref="StoreError.FutureRevision"/> when r &gt; the current one; compaction at r keeps each key's state as of
/// r (reading at exactly r still works).</para>
/// <para>Data structure: a hash map key → <see cref="KeyHistory"/> (the key's changes in revision order, values
/// included) for O(1) point reads and puts, plus a <see cref="SortedKeyIndex"/> of the keys for ordered range
/// scans. etcd splits the same information into a B-tree of key → revisions (treeIndex) and a bbolt B-tree of
/// revision → value; with everything in memory, keeping the values next to their revisions saves the second lookup.
/// Costs: put O(1) for an existing key, O(log n + chunk) for a new one; point read O(1) at the current revision,
/// O(log v) at an older one (v = the key's retained versions); range O(log n + keys scanned); compaction O(n + v).
/// Deleted keys stay in the index as tombstones until a compaction passes them, as in etcd.</para>
/// <para>Writes happen between <see cref="BeginWrite"/> and <see cref="EndWrite"/> (one revision); reads made in
/// between see the pending changes (etcd's txn reads its own writes). There is no rollback: a transaction checks
/// everything before its first change.</para>
/// </remarks>
public sealed class MvccStore
{
    private readonly Dictionary<byte[], KeyHistory> _keys = new(ByteKeys.Instance);
    private readonly SortedKeyIndex _index = new();
    private long _writeMain;
    private long _writeSub = -1;

    /// <summary>The current revision (1 for an empty store).</summary>
    public long CurrentRevision { get; private set; } = 1;

    /// <summary>The revision of the last compaction (0 if none): reads below it fail.</summary>
    public long CompactRevision { get; private set; }

    /// <summary>The number of keys with retained history (live keys and tombstones not yet compacted).</summary>
    public int IndexedKeys => _keys.Count;

    /// <summary>Reads a range at the current revision or the one asked for.</summary>
    /// <param name="request">The request.</param>
    /// <param name="response">The response when the result is <see cref="StoreError.None"/>.</param>
    /// <returns>The error, or <see cref="StoreError.None"/>.</returns>
    public StoreError Range(RangeRequest request, out RangeResponse? response) =>
        RangeAt(request, CurrentRevision, out response);

    /// <summary>The live state of one key at the current revision (null if absent).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The key-value or null.</returns>
    public KeyValue? Get(byte[] key) => Latest(key)?.ToKeyValue(key);

    /// <summary>
    /// Every change to keys in <paramref name="range"/> at revision <paramref name="fromRevision"/> or later, in
    /// revision order, with prev_kv when the previous state is retained (the history a watch replays).
    /// </summary>
    /// <param name="range">The keys.</param>
    /// <param name="fromRevision">The first revision wanted.</param>
    /// <param name="events">The events when the result is <see cref="StoreError.None"/>.</param>
    /// <returns><see cref="StoreError.Compacted"/> if that history is gone, else none.</returns>
    public StoreError EventsSince(KeyRange range, long fromRevision, out List<StoreEvent> events)
    {
        events = [];
        if (fromRevision < CompactRevision)
        {
            return StoreError.Compacted;
        }

        foreach (var history in Histories(range))
        {
            var versions = history.Versions;
            for (int i = versions.Count - 1; i >= 0 && versions[i].Mod.Main >= fromRevision; i--)
            {
                KeyVersion? prev = i > 0 && !versions[i - 1].IsTombstone ? versions[i - 1] : null;
                events.Add(ToEvent(history.Key, versions[i], prev));
            }
        }

        events.Sort(static (a, b) => a.Kv.ModRevision != b.Kv.ModRevision
            ? a.Kv.ModRevision.CompareTo(b.Kv.ModRevision)
            : a.Sub.CompareTo(b.Sub));
        return StoreError.None;
    }

    /// <summary>
    /// Compacts: forgets every change below <paramref name="revision"/> except each key's state as of it.
    /// </summary>
    /// <param name="revision">The revision.</param>
    /// <returns><see cref="StoreError.Compacted"/> if not above the last compaction, <see cref="StoreError.FutureRevision"/> if above the current revision.</returns>
    public StoreError Compact(long revision)
    {
        if (revision <= CompactRevision)
        {
            return StoreError.Compacted;
        }

        if (revision > CurrentRevision)
        {
            return StoreError.FutureRevision;
        }

        List<byte[]>? gone = null;
        foreach (var history in _keys.Values)
        {
            if (!history.Compact(revision))
            {
                (gone ??= []).Add(history.Key);
            }
        }

        if (gone is not null)
        {
            foreach (var key in gone)
            {
                _keys.Remove(key);
                _index.Remove(key);
            }
        }

        CompactRevision = revision;
        return StoreError.None;
    }

    internal StoreError RangeAt(RangeRequest request, long visible, out RangeResponse? response)
    {
        response = null;
        if (request.Key.Length == 0)
        {
            return StoreError.EmptyKey;
        }

        long rev = request.Revision <= 0 ? visible : request.Revision;
        if (rev > visible)
        {
            return StoreError.FutureRevision;
        }

        if (rev < CompactRevision)
        {
            return StoreError.Compacted;
        }

        var kvs = new List<KeyValue>();
        long count = 0;
        foreach (var history in Histories(new KeyRange(request.Key, request.RangeEnd)))
        {
            var live = history.LiveAt(rev);
            if (live is null)
            {
                continue;
            }

            count++;
            if (!request.CountOnly && (request.Limit <= 0 || kvs.Count < request.Limit))
            {
                kvs.Add(live.Value.ToKeyValue(history.Key, request.KeysOnly));
            }
        }

        response = new RangeResponse
        {
            Header = new ResponseHeader { Revision = visible },
            Kvs = kvs,
            Count = count,
            More = !request.CountOnly && request.Limit > 0 && count > request.Limit,
        };
        return StoreError.None;
    }

    internal bool Writing => _writeSub >= 0;

    /// <summary>The revision the pending write will get.</summary>
    internal long WriteRevision => _writeMain;

    /// <summary>The revision a read inside the pending write sees (its own changes included).</summary>
    internal long VisibleRevision => _writeSub > 0 ? _writeMain : CurrentRevision;

    internal void BeginWrite()
    {
        Debug.Assert(!Writing, "writes do not nest");
        _writeMain = CurrentRevision + 1;
        _writeSub = 0;
    }

    /// <summary>Ends the write; returns true if it changed anything (and so took a revision).</summary>
    internal bool EndWrite()
    {
        Debug.Assert(Writing, "a write is open");
        bool changed = _writeSub > 0;
        if (changed)
        {
            CurrentRevision = _writeMain;
        }

        _writeSub = -1;
        return changed;
    }

    internal KeyVersion? Latest(byte[] key) => _keys.TryGetValue(key, out var h) ? h.Latest : null;

    internal StoreEvent Put(byte[] key, byte[] value, long lease)
    {
        Debug.Assert(Writing, "puts happen inside a write");
        if (!_keys.TryGetValue(key, out var history))
        {
            history = new KeyHistory(key);
            _keys.Add(key, history);
            _index.Add(key);
        }

        var prev = history.Latest;
        var rev = new Revision(_writeMain, _writeSub++);
        var version = prev is { } p
            ? new KeyVersion(rev, p.Create, p.Version + 1, value, lease)
            : new KeyVersion(rev, rev.Main, 1, value, lease);
        history.Append(version);
        return ToEvent(key, version, prev);
    }

    internal StoreEvent? Delete(byte[] key)
    {
        Debug.Assert(Writing, "deletes happen inside a write");
        if (!_keys.TryGetValue(key, out var history) || history.Latest is not { } prev)
        {
            return null;
        }

        var tombstone = new KeyVersion(new Revision(_writeMain, _writeSub++), 0, 0, null, 0);
        history.Append(tombstone);
        return ToEvent(key, tombstone, prev);
    }

    /// <summary>The keys in <paramref name="range"/> live at the visible revision, in key order.</summary>
    internal List<byte[]> LiveKeys(KeyRange range)
    {
        var keys = new List<byte[]>();
        long rev = VisibleRevision;
        foreach (var history in Histories(range))
        {
            if (history.LiveAt(rev) is not null)
            {
                keys.Add(history.Key);
            }
        }

        return keys;
    }

    /// <summary>Every key's latest live state (for rebuilding lease attachments after a restore).</summary>
    internal IEnumerable<(byte[] Key, KeyVersion Version)> LiveKeys()
    {
        foreach (var history in _keys.Values)
        {
            if (history.Latest is { } v)
            {
                yield return (history.Key, v);
            }
        }
    }

    /// <summary>
    /// At least the bytes <see cref="WriteSnapshot"/> writes (each number counted at a varint's worst case), so the
    /// snapshot's writer can be sized once: the history is most of a snapshot, and growing a writer by doubling
    /// allocates about twice the final size again on the large-object heap. O(keys + versions), nothing copied.
    /// </summary>
    internal long SnapshotSizeBound()
    {
        const int Number = 10; // the longest varint
        long size = 3 * Number;
        foreach (var (key, history) in _keys)
        {
            size += Number + key.Length + Number;
            foreach (var v in history.Versions)
            {
                size += (2 * Number) + 1 + (v.IsTombstone ? 0 : (4 * Number) + v.Value!.Length);
            }
        }

        return size;
    }

    internal void WriteSnapshot(CommandWriter w)
    {
        int start = w.Length;
        w.WriteVarInt(CurrentRevision);
        w.WriteVarInt(CompactRevision);
        w.WriteVarUInt((ulong)_keys.Count);
        foreach (var key in _index.Range([], null))
        {
            var history = _keys[key];
            w.WriteBytes(key);
            w.WriteVarUInt((ulong)history.Versions.Count);
            foreach (var v in history.Versions)
            {
                w.WriteVarInt(v.Mod.Main);
                w.WriteVarInt(v.Mod.Sub);
                w.WriteBool(v.IsTombstone);
                if (!v.IsTombstone)
                {
                    w.WriteVarInt(v.Create);
                    w.WriteVarInt(v.Version);
                    w.WriteVarInt(v.Lease);
                    w.WriteBytes(v.Value);
                }
            }
        }

        Debug.Assert(w.Length - start <= SnapshotSizeBound(), "the bound bounds");
    }

    internal void ReadSnapshot(ref CommandReader r)
    {
        _keys.Clear();
        _index.Clear();
        CurrentRevision = r.ReadVarInt();
        CompactRevision = r.ReadVarInt();
        int keys = r.ReadCount();
        for (int k = 0; k < keys; k++)
        {
            var history = new KeyHistory(r.ReadBytes());
            int versions = r.ReadCount();
            for (int i = 0; i < versions; i++)
            {
                var mod = new Revision(r.ReadVarInt(), r.ReadVarInt());
                if (r.ReadBool())
                {
                    history.Append(new KeyVersion(mod, 0, 0, null, 0));
                    continue;
                }

                long create = r.ReadVarInt();
                long version = r.ReadVarInt();
                long lease = r.ReadVarInt();
                history.Append(new KeyVersion(mod, create, version, r.ReadBytes(), lease));
            }

            _keys.Add(history.Key, history);
            _index.AddLast(history.Key);
        }
    }

    private IEnumerable<KeyHistory> Histories(KeyRange range)
    {
        if (range.IsSingle)
        {
            if (_keys.TryGetValue(range.Key, out var one))
            {
                yield return one;
            }

            yield break;
        }

        foreach (var key in _index.Range(range.Key, range.End))
        {
            yield return _keys[key];
        }
    }

    private static StoreEvent ToEvent(byte[] key, KeyVersion version, KeyVersion? prev) => new()
    {
        Type = version.IsTombstone ? EventType.Delete : EventType.Put,
        Kv = version.IsTombstone
            ? new KeyValue { Key = key, ModRevision = version.Mod.Main }
            : version.ToKeyValue(key),
        PrevKv = prev?.ToKeyValue(key),
        Sub = version.Mod.Sub,
    };
}
