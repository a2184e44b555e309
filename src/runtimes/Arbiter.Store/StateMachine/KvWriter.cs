using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.StateMachine;

/// <summary>
/// Puts and deletes of one command against the store and the lease table together (a key's lease attachment
/// follows its latest put), collecting the events. The caller opens and closes the store's write.
/// </summary>
internal sealed class KvWriter(MvccStore kv, LeaseTable leases)
{
    public MvccStore Kv { get; } = kv;

    public LeaseTable Leases { get; } = leases;

    public List<StoreEvent> Events { get; } = [];

    /// <summary>etcd's put checks (API layer, then apply): key, value/lease given with ignore_*, lease exists, key exists for ignore_*.</summary>
    public StoreError CheckPut(PutRequest p)
    {
        if (p.Key.Length == 0)
        {
            return StoreError.EmptyKey;
        }

        if (p.IgnoreValue && p.Value.Length != 0)
        {
            return StoreError.ValueProvided;
        }

        if (p.IgnoreLease && p.Lease != 0)
        {
            return StoreError.LeaseProvided;
        }

        if (p.Lease != 0 && !Leases.Exists(p.Lease))
        {
            return StoreError.LeaseNotFound;
        }

        if ((p.IgnoreValue || p.IgnoreLease) && Kv.Latest(p.Key) is null)
        {
            return StoreError.KeyNotFound;
        }

        return StoreError.None;
    }

    public PutResponse Put(PutRequest p)
    {
        var prev = Kv.Latest(p.Key);
        var value = p.IgnoreValue ? prev!.Value.Value! : p.Value;
        long lease = p.IgnoreLease ? prev!.Value.Lease : p.Lease;
        if (prev is { } old && old.Lease != lease)
        {
            Leases.Detach(old.Lease, p.Key);
        }

        var e = Kv.Put(p.Key, value, lease);
        Leases.Attach(lease, p.Key);
        Events.Add(e);
        return new PutResponse
        {
            Header = new ResponseHeader { Revision = Kv.VisibleRevision },
            PrevKv = p.PrevKv ? e.PrevKv : null,
        };
    }

    public DeleteRangeResponse DeleteRange(DeleteRangeRequest d)
    {
        var keys = Kv.LiveKeys(new KeyRange(d.Key, d.RangeEnd));
        var prevs = d.PrevKv ? new List<KeyValue>(keys.Count) : null;
        foreach (var key in keys)
        {
            var e = Kv.Delete(key)!;
            Leases.Detach(e.PrevKv!.Lease, key);
            Events.Add(e);
            prevs?.Add(e.PrevKv);
        }

        return new DeleteRangeResponse
        {
            Header = new ResponseHeader { Revision = Kv.VisibleRevision },
            Deleted = keys.Count,
            PrevKvs = prevs ?? [],
        };
    }

    /// <summary>Deletes the lease's keys (bytewise order, so every replica numbers them alike) and removes it.</summary>
    public void EndLease(long id)
    {
        var keys = Leases.KeysOf(id).ToArray();
        Array.Sort(keys, ByteKeys.Instance);
        foreach (var key in keys)
        {
            Events.Add(Kv.Delete(key)!);
        }

        Leases.Remove(id);
    }
}
