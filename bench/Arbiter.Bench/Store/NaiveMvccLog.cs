namespace Arbiter.Bench.Store;

/// <summary>
/// The slow reference for the store benchmarks: one flat list of every (revision, key, value) write, scanned
/// linearly for every read and for each put's previous version (how MVCC is first explained, before any index).
/// </summary>
public sealed class NaiveMvccLog
{
    private readonly List<(long Rev, byte[] Key, byte[]? Value, long Create, long Version)> _writes = [];

    public long Revision { get; private set; } = 1;

    public void Put(byte[] key, byte[] value)
    {
        var prev = Latest(key);
        Revision++;
        _writes.Add(prev is { } p ? (Revision, key, value, p.Create, p.Version + 1) : (Revision, key, value, Revision, 1));
    }

    /// <summary>Bulk load of a key known to be new (setup only: skips the linear search for its previous version).</summary>
    public void Load(byte[] key, byte[] value)
    {
        Revision++;
        _writes.Add((Revision, key, value, Revision, 1));
    }

    public (long Create, long Version, byte[] Value)? Latest(byte[] key)
    {
        for (int i = _writes.Count - 1; i >= 0; i--)
        {
            var w = _writes[i];
            if (w.Key.AsSpan().SequenceEqual(key))
            {
                return w.Value is null ? null : (w.Create, w.Version, w.Value);
            }
        }

        return null;
    }

    /// <summary>Keys in [from, to) at the current revision: the latest write of each key, then sorted.</summary>
    public int Range(byte[] from, byte[] to)
    {
        var latest = new Dictionary<string, byte[]?>();
        foreach (var w in _writes)
        {
            if (w.Key.AsSpan().SequenceCompareTo(from) >= 0 && w.Key.AsSpan().SequenceCompareTo(to) < 0)
            {
                latest[Convert.ToHexString(w.Key)] = w.Value;
            }
        }

        var keys = latest.Where(kv => kv.Value is not null).Select(kv => kv.Key).ToList();
        keys.Sort(StringComparer.Ordinal);
        return keys.Count;
    }
}
