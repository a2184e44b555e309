using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Leases;

/// <summary>
/// The replicated half of leases: which leases exist, their granted TTL and their keys. No clock: deadlines are the
/// leader's business (<see cref="Lessor"/>), and expiry reaches this table only as a replicated command.
/// </summary>
/// <remarks>Source: etcd's <c>server/lease/lessor.go</c> (Grant, Revoke, Attach, Detach), without its deadlines.</remarks>
internal sealed class LeaseTable
{
    /// <summary>etcd's <c>MaxLeaseTTL</c> (9,000,000,000 s).</summary>
    internal const long MaxTtl = 9_000_000_000;

    private readonly SortedDictionary<long, Entry> _leases = [];
    private long _lastId;

    public int Count => _leases.Count;

    public bool Exists(long id) => _leases.ContainsKey(id);

    public long GrantedTtl(long id) => _leases.TryGetValue(id, out var e) ? e.Ttl : -1;

    public IReadOnlyCollection<byte[]> KeysOf(long id) =>
        _leases.TryGetValue(id, out var e) ? e.Keys : (IReadOnlyCollection<byte[]>)[];

    public IEnumerable<LeaseStatus> All()
    {
        foreach (var (id, e) in _leases)
        {
            yield return new LeaseStatus(id, e.Ttl);
        }
    }

    /// <summary>
    /// The id for a grant that asked for none: one more than the largest id ever handed out or asked for. Decided in
    /// the state machine (not by the proposing server, as etcd does) so it is the same on every replica.
    /// </summary>
    public long NextId()
    {
        long id = _lastId + 1;
        while (_leases.ContainsKey(id))
        {
            id++;
        }

        return id;
    }

    public void Grant(long id, long ttl)
    {
        _leases.Add(id, new Entry(ttl));
        _lastId = Math.Max(_lastId, id);
    }

    public void Remove(long id) => _leases.Remove(id);

    public void Attach(long id, byte[] key)
    {
        if (id != 0)
        {
            _leases[id].Keys.Add(key);
        }
    }

    public void Detach(long id, byte[] key)
    {
        if (id != 0 && _leases.TryGetValue(id, out var e))
        {
            e.Keys.Remove(key);
        }
    }

    public void WriteSnapshot(CommandWriter w)
    {
        w.WriteVarInt(_lastId);
        w.WriteVarUInt((ulong)_leases.Count);
        foreach (var (id, e) in _leases)
        {
            w.WriteVarInt(id);
            w.WriteVarInt(e.Ttl);
        }
    }

    /// <summary>Reads the leases; their keys are re-attached from the store's live keys.</summary>
    public void ReadSnapshot(ref CommandReader r, MvccStore kv)
    {
        _leases.Clear();
        _lastId = r.ReadVarInt();
        int n = r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            long id = r.ReadVarInt();
            _leases.Add(id, new Entry(r.ReadVarInt()));
        }

        foreach (var (key, version) in kv.LiveKeys())
        {
            if (version.Lease != 0 && _leases.TryGetValue(version.Lease, out var e))
            {
                e.Keys.Add(key);
            }
        }
    }

    private sealed class Entry(long ttl)
    {
        public long Ttl { get; } = ttl;

        public HashSet<byte[]> Keys { get; } = new(ByteKeys.Instance);
    }
}
