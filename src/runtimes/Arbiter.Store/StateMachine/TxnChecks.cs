using Arbiter.Store.Mvcc;

namespace Arbiter.Store.StateMachine;

/// <summary>
/// The checks a transaction passes before its first change, and compare evaluation (etcd's <c>checkIntervals</c>,
/// <c>checkRequestRange</c> and <c>applyCompare</c>).
/// </summary>
internal static class TxnChecks
{
    /// <summary>A branch may not put one key twice, nor put a key that one of its deletes covers.</summary>
    public static StoreError CheckBranch(IReadOnlyList<RequestOp> ops)
    {
        var puts = new HashSet<byte[]>(ByteKeys.Instance);
        foreach (var op in ops)
        {
            if (op.RequestPut is { } p && !puts.Add(p.Key))
            {
                return StoreError.DuplicateKey;
            }
        }

        foreach (var op in ops)
        {
            if (op.RequestDeleteRange is { } d)
            {
                var range = new KeyRange(d.Key, d.RangeEnd);
                foreach (var key in puts)
                {
                    if (range.Contains(key))
                    {
                        return StoreError.DuplicateKey;
                    }
                }
            }
        }

        return StoreError.None;
    }

    public static StoreError CheckCompares(IReadOnlyList<Compare> compares)
    {
        foreach (var c in compares)
        {
            if (c.Key.Length == 0)
            {
                return StoreError.EmptyKey;
            }
        }

        return StoreError.None;
    }

    /// <summary>A range inside a txn is checked against the state before the txn (etcd's <c>checkRequestRange</c>).</summary>
    public static StoreError CheckRange(MvccStore kv, RangeRequest q)
    {
        if (q.Key.Length == 0)
        {
            return StoreError.EmptyKey;
        }

        if (q.Revision > kv.CurrentRevision)
        {
            return StoreError.FutureRevision;
        }

        return q.Revision > 0 && q.Revision < kv.CompactRevision ? StoreError.Compacted : StoreError.None;
    }

    /// <summary>
    /// etcd's <c>applyCompare</c>: every key of the range must pass; with no key, a value compare fails and the
    /// others compare a zeroed key-value (version 0, create 0, mod 0, lease 0).
    /// </summary>
    public static bool Holds(MvccStore kv, Compare c)
    {
        var error = kv.Range(new RangeRequest { Key = c.Key, RangeEnd = c.RangeEnd }, out var found);
        if (error != StoreError.None || found is null)
        {
            return false;
        }

        if (found.Kvs.Count == 0)
        {
            return c.Target != CompareTarget.Value && Relation(c, new KeyValue { Key = c.Key });
        }

        foreach (var kv1 in found.Kvs)
        {
            if (!Relation(c, kv1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Relation(Compare c, KeyValue kv)
    {
        int r = c.Target switch
        {
            CompareTarget.Value => kv.Value.AsSpan().SequenceCompareTo(c.Value),
            CompareTarget.Version => kv.Version.CompareTo(c.Number),
            CompareTarget.Create => kv.CreateRevision.CompareTo(c.Number),
            CompareTarget.Mod => kv.ModRevision.CompareTo(c.Number),
            CompareTarget.Lease => kv.Lease.CompareTo(c.Number),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
        return c.Result switch
        {
            CompareResult.Equal => r == 0,
            CompareResult.Greater => r > 0,
            CompareResult.Less => r < 0,
            CompareResult.NotEqual => r != 0,
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
    }
}
