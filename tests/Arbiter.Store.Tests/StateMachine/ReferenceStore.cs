using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Tests.StateMachine;

/// <summary>
/// The slow, obvious model of the store for differential tests: a flat list of every write ever made
/// (revision, sub, key, value or tombstone, lease), scanned linearly for every question. Compaction only moves the
/// floor below which reads fail (the answers at or above it do not depend on what was dropped). Shares nothing with
/// the production code but the request/response types.
/// </summary>
internal sealed class ReferenceStore(long minTtl = 1)
{
    private readonly List<Write> _writes = [];
    private readonly SortedDictionary<long, long> _leases = [];
    private long _lastLeaseId;
    private long _pendingMain;
    private long _pendingSub = -1;

    public long Rev { get; private set; } = 1;

    public long Compacted { get; private set; }

    public ulong Applied { get; private set; }

    private long Visible => _pendingSub > 0 ? _pendingMain : Rev;

    public static int Cmp(byte[] a, byte[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i] ? -1 : 1;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public static bool InRange(byte[] k, byte[] key, byte[] end)
    {
        if (end.Length == 0)
        {
            return Cmp(k, key) == 0;
        }

        if (end.Length == 1 && end[0] == 0)
        {
            return Cmp(k, key) >= 0;
        }

        return Cmp(k, key) >= 0 && Cmp(k, end) < 0;
    }

    /// <summary>The key's state at revision rev (after every change of main revision &lt;= rev).</summary>
    public KeyValue? StateAt(byte[] key, long rev) => StateBefore(key, rev, long.MaxValue);

    /// <summary>The key's state from the changes strictly before (main, sub).</summary>
    public KeyValue? StateBefore(byte[] key, long main, long sub)
    {
        KeyValue? state = null;
        foreach (var w in _writes)
        {
            if (Cmp(w.Key, key) != 0 || w.Main > main || (w.Main == main && w.Sub >= sub))
            {
                continue;
            }

            state = w.Value is null
                ? null
                : new KeyValue
                {
                    Key = key,
                    CreateRevision = state?.CreateRevision ?? w.Main,
                    ModRevision = w.Main,
                    Version = (state?.Version ?? 0) + 1,
                    Value = w.Value,
                    Lease = w.Lease,
                };
        }

        return state;
    }

    private List<byte[]> AllKeys()
    {
        var keys = new List<byte[]>();
        foreach (var w in _writes)
        {
            if (!keys.Any(k => Cmp(k, w.Key) == 0))
            {
                keys.Add(w.Key);
            }
        }

        keys.Sort(Cmp);
        return keys;
    }

    public (StoreError, RangeResponse?) Range(RangeRequest q, long visible)
    {
        if (q.Key.Length == 0)
        {
            return (StoreError.EmptyKey, null);
        }

        long rev = q.Revision > 0 ? q.Revision : visible;
        if (rev > visible)
        {
            return (StoreError.FutureRevision, null);
        }

        if (rev < Compacted)
        {
            return (StoreError.Compacted, null);
        }

        var all = AllKeys().Where(k => InRange(k, q.Key, q.RangeEnd)).Select(k => StateAt(k, rev)).OfType<KeyValue>().ToList();
        var shown = q.CountOnly ? [] : (q.Limit > 0 ? all.Take((int)q.Limit) : all)
            .Select(kv => q.KeysOnly ? new KeyValue { Key = kv.Key, CreateRevision = kv.CreateRevision, ModRevision = kv.ModRevision, Version = kv.Version, Lease = kv.Lease } : kv)
            .ToList();
        return (StoreError.None, new RangeResponse
        {
            Header = new ResponseHeader { Revision = visible },
            Kvs = shown,
            Count = all.Count,
            More = !q.CountOnly && q.Limit > 0 && all.Count > q.Limit,
        });
    }

    /// <summary>Every change at revision &gt;= from in the range, prev_kv only if its revision is not compacted away.</summary>
    public (StoreError, List<StoreEvent>) EventsSince(byte[] key, byte[] end, long from)
    {
        if (from < Compacted)
        {
            return (StoreError.Compacted, []);
        }

        var events = new List<StoreEvent>();
        foreach (var w in _writes.Where(w => w.Main >= from && InRange(w.Key, key, end)).OrderBy(w => w.Main).ThenBy(w => w.Sub))
        {
            // A change at exactly the compacted revision survives only as its key's state then: compaction keeps the
            // last change <= C of each key unless it is a tombstone (etcd's keyIndex.keep).
            if (w.Main <= Compacted && (w.Value is null || _writes.Any(o => Cmp(o.Key, w.Key) == 0 && o.Main <= Compacted && (o.Main, o.Sub).CompareTo((w.Main, w.Sub)) > 0)))
            {
                continue;
            }

            var e = ToEvent(w);
            // etcd reads prev_kv at rev-1, which fails when rev-1 is below the compacted revision.
            events.Add(w.Main > Compacted ? e : new StoreEvent { Type = e.Type, Kv = e.Kv, Sub = e.Sub });
        }

        return (StoreError.None, events);
    }

    private StoreEvent ToEvent(Write w) => new()
    {
        Type = w.Value is null ? EventType.Delete : EventType.Put,
        Kv = w.Value is null ? new KeyValue { Key = w.Key, ModRevision = w.Main } : StateBefore(w.Key, w.Main, w.Sub + 1)!,
        PrevKv = StateBefore(w.Key, w.Main, w.Sub),
        Sub = w.Sub,
    };

    public StoreResult Apply(ulong index, StoreCommand command)
    {
        if (index <= Applied)
        {
            return new StoreResult { Index = index, Skipped = true, Revision = Rev };
        }

        Applied = index;
        int firstWrite = _writes.Count;
        var ended = new List<EndedLease>();
        var (error, response) = command switch
        {
            PutCommand c => Single(() => CheckPut(c.Request), () => Put(c.Request)),
            DeleteRangeCommand c => Single(() => c.Request.Key.Length == 0 ? StoreError.EmptyKey : StoreError.None, () => Delete(c.Request)),
            TxnCommand c => Txn(c.Request),
            CompactCommand c => Compact(c.Request.Revision),
            LeaseGrantCommand c => Grant(c.Request),
            LeaseRevokeCommand c => _leases.ContainsKey(c.Request.Id)
                ? (StoreError.None, EndLease(c.Request.Id, false, ended, () => new LeaseRevokeResponse { Header = H() }))
                : (StoreError.LeaseNotFound, null),
            LeaseExpireCommand c => Expire(c.Ids, ended),
            _ => throw new NotSupportedException(),
        };
        return new StoreResult
        {
            Index = index,
            Command = command,
            Error = error,
            Response = error == StoreError.None ? response : null,
            Events = _writes.Skip(firstWrite).Select(ToEvent).ToList(),
            EndedLeases = ended,
            Revision = Rev,
        };
    }

    private ResponseHeader H() => new() { Revision = Visible };

    private void Begin()
    {
        _pendingMain = Rev + 1;
        _pendingSub = 0;
    }

    private void End()
    {
        if (_pendingSub > 0)
        {
            Rev = _pendingMain;
        }

        _pendingSub = -1;
    }

    private (StoreError, StoreResponse?) Single(Func<StoreError> check, Func<StoreResponse> run)
    {
        var e = check();
        if (e != StoreError.None)
        {
            return (e, null);
        }

        Begin();
        var r = run();
        End();
        return (StoreError.None, r);
    }

    private StoreError CheckPut(PutRequest p)
    {
        if (p.Key.Length == 0)
        {
            return StoreError.EmptyKey;
        }

        if (p.IgnoreValue && p.Value.Length > 0)
        {
            return StoreError.ValueProvided;
        }

        if (p.IgnoreLease && p.Lease != 0)
        {
            return StoreError.LeaseProvided;
        }

        if (p.Lease != 0 && !_leases.ContainsKey(p.Lease))
        {
            return StoreError.LeaseNotFound;
        }

        return (p.IgnoreValue || p.IgnoreLease) && StateAt(p.Key, Rev) is null ? StoreError.KeyNotFound : StoreError.None;
    }

    private PutResponse Put(PutRequest p)
    {
        var prev = StateAt(p.Key, Visible);
        _writes.Add(new Write(_pendingMain, _pendingSub++, p.Key, p.IgnoreValue ? prev!.Value : p.Value, p.IgnoreLease ? prev!.Lease : p.Lease));
        return new PutResponse { Header = H(), PrevKv = p.PrevKv ? prev : null };
    }

    private DeleteRangeResponse Delete(DeleteRangeRequest d)
    {
        var live = AllKeys().Where(k => InRange(k, d.Key, d.RangeEnd)).Select(k => StateAt(k, Visible)).OfType<KeyValue>().ToList();
        foreach (var kv in live)
        {
            _writes.Add(new Write(_pendingMain, _pendingSub++, kv.Key, null, 0));
        }

        return new DeleteRangeResponse { Header = H(), Deleted = live.Count, PrevKvs = d.PrevKv ? live : [] };
    }

    private (StoreError, StoreResponse?) Compact(long rev)
    {
        if (rev <= Compacted)
        {
            return (StoreError.Compacted, null);
        }

        if (rev > Rev)
        {
            return (StoreError.FutureRevision, null);
        }

        Compacted = rev;
        return (StoreError.None, new CompactionResponse { Header = H() });
    }

    private (StoreError, StoreResponse?) Grant(LeaseGrantRequest g)
    {
        if (g.Id < 0)
        {
            return (StoreError.InvalidLeaseId, null);
        }

        if (g.Ttl > 9_000_000_000)
        {
            return (StoreError.LeaseTtlTooLarge, null);
        }

        long id = g.Id;
        if (id == 0)
        {
            id = _lastLeaseId + 1;
            while (_leases.ContainsKey(id))
            {
                id++;
            }
        }

        if (_leases.ContainsKey(id))
        {
            return (StoreError.LeaseExists, null);
        }

        _leases[id] = Math.Max(minTtl, g.Ttl);
        _lastLeaseId = Math.Max(_lastLeaseId, id);
        return (StoreError.None, new LeaseGrantResponse { Header = H(), Id = id, Ttl = _leases[id] });
    }

    private StoreResponse EndLease(long id, bool expired, List<EndedLease> ended, Func<StoreResponse> response)
    {
        Begin();
        foreach (var key in AllKeys())
        {
            if (StateAt(key, Rev) is { } kv && kv.Lease == id)
            {
                _writes.Add(new Write(_pendingMain, _pendingSub++, key, null, 0));
            }
        }

        End();
        _leases.Remove(id);
        ended.Add(new EndedLease(id, Rev, expired));
        return response();
    }

    private (StoreError, StoreResponse?) Expire(IReadOnlyList<long> ids, List<EndedLease> ended)
    {
        var done = new List<long>();
        foreach (var id in ids)
        {
            if (_leases.ContainsKey(id))
            {
                EndLease(id, true, ended, () => new LeaseRevokeResponse { Header = H() });
                done.Add(id);
            }
        }

        return (StoreError.None, new LeaseExpireResponse { Header = H(), Expired = done });
    }

    private bool Holds(Compare c)
    {
        var kvs = AllKeys().Where(k => InRange(k, c.Key, c.RangeEnd)).Select(k => StateAt(k, Rev)).OfType<KeyValue>().ToList();
        if (kvs.Count == 0)
        {
            if (c.Target == CompareTarget.Value)
            {
                return false;
            }

            kvs.Add(new KeyValue { Key = c.Key });
        }

        return kvs.All(kv =>
        {
            int r = c.Target switch
            {
                CompareTarget.Value => Math.Sign(Cmp(kv.Value, c.Value)),
                CompareTarget.Version => Math.Sign(kv.Version - c.Number),
                CompareTarget.Create => Math.Sign(kv.CreateRevision - c.Number),
                CompareTarget.Mod => Math.Sign(kv.ModRevision - c.Number),
                _ => Math.Sign(kv.Lease - c.Number),
            };
            return c.Result switch
            {
                CompareResult.Equal => r == 0,
                CompareResult.NotEqual => r != 0,
                CompareResult.Greater => r == 1,
                _ => r == -1,
            };
        });
    }

    private static bool Overlaps(IReadOnlyList<RequestOp> ops)
    {
        var puts = ops.Where(o => o.RequestPut is not null).Select(o => o.RequestPut!.Key).ToList();
        for (int i = 0; i < puts.Count; i++)
        {
            for (int j = i + 1; j < puts.Count; j++)
            {
                if (Cmp(puts[i], puts[j]) == 0)
                {
                    return true;
                }
            }
        }

        return ops.Where(o => o.RequestDeleteRange is not null)
            .Any(o => puts.Any(k => InRange(k, o.RequestDeleteRange!.Key, o.RequestDeleteRange.RangeEnd)));
    }

    private (StoreError, StoreResponse?) Txn(TxnRequest t)
    {
        if (Overlaps(t.Success) || Overlaps(t.Failure))
        {
            return (StoreError.DuplicateKey, null);
        }

        if (t.Compare.Any(c => c.Key.Length == 0))
        {
            return (StoreError.EmptyKey, null);
        }

        bool ok = t.Compare.All(Holds);
        var ops = ok ? t.Success : t.Failure;
        foreach (var op in ops)
        {
            var e = op.RequestPut is { } p ? CheckPut(p)
                : op.RequestDeleteRange is { } d ? (d.Key.Length == 0 ? StoreError.EmptyKey : StoreError.None)
                : op.RequestRange!.Key.Length == 0 ? StoreError.EmptyKey
                : op.RequestRange.Revision > Rev ? StoreError.FutureRevision
                : op.RequestRange.Revision > 0 && op.RequestRange.Revision < Compacted ? StoreError.Compacted
                : StoreError.None;
            if (e != StoreError.None)
            {
                return (e, null);
            }
        }

        Begin();
        var responses = new List<ResponseOp>();
        foreach (var op in ops)
        {
            if (op.RequestPut is { } p)
            {
                responses.Add(new ResponseOp { ResponsePut = Put(p) });
            }
            else if (op.RequestDeleteRange is { } d)
            {
                responses.Add(new ResponseOp { ResponseDeleteRange = Delete(d) });
            }
            else
            {
                responses.Add(new ResponseOp { ResponseRange = Range(op.RequestRange!, Visible).Item2 });
            }
        }

        End();
        return (StoreError.None, new TxnResponse { Header = H(), Succeeded = ok, Responses = responses });
    }

    private readonly record struct Write(long Main, long Sub, byte[] Key, byte[]? Value, long Lease);
}
