using System.Diagnostics;

namespace Arbiter.Store.Mvcc;

/// <summary>
/// The ordered set of keys behind range reads (the role of etcd's <c>treeIndex</c>, a B-tree of key indexes).
/// </summary>
/// <remarks>
/// <para>Source: the two-level "sorted list of sorted lists" of Grant Jenks' Python sortedcontainers (2014), a flat
/// cousin of the B+-tree (Comer, "The Ubiquitous B-Tree", 1979): keys live in sorted chunks of at most
/// 2·<see cref="Load"/> entries, the chunks in key order.</para>
/// <para>Cost: seek O(log n) (binary search over chunk last-keys, then inside a chunk); iteration O(1) per key and
/// cache friendly (contiguous arrays, unlike a red-black tree's nodes); insert and remove O(log n + Load) for the
/// memmove inside a chunk, plus O(n/Load) when a chunk splits or empties. Point lookups do not come here: the store
/// keeps a hash map from key to history, so a put to an existing key never touches this index. Why not
/// <c>SortedSet&lt;T&gt;</c>: it has no "seek to the first key &gt;= k, then walk" (GetViewBetween counts the view
/// eagerly, O(k)), and a tree node per key costs more memory and cache misses.</para>
/// </remarks>
internal sealed class SortedKeyIndex
{
    internal const int Load = 512;

    private readonly List<List<byte[]>> _chunks = [];

    public int Count { get; private set; }

    public void Add(byte[] key)
    {
        if (_chunks.Count == 0)
        {
            _chunks.Add([key]);
            Count = 1;
            return;
        }

        int c = ChunkFor(key);
        if (c == _chunks.Count)
        {
            c--;
        }

        var chunk = _chunks[c];
        int at = chunk.BinarySearch(key, ByteKeys.Instance);
        Debug.Assert(at < 0, "the caller adds only absent keys");
        chunk.Insert(~at, key);
        Count++;
        if (chunk.Count > 2 * Load)
        {
            // Split in halves: both stay at least Load long, so splits are rare (amortised O(1) per insert).
            var upper = chunk.GetRange(Load, chunk.Count - Load);
            chunk.RemoveRange(Load, chunk.Count - Load);
            _chunks.Insert(c + 1, upper);
        }
    }

    /// <summary>Appends a key larger than every key present (bulk load from a snapshot in key order).</summary>
    public void AddLast(byte[] key)
    {
        Debug.Assert(Count == 0 || ByteKeys.Instance.Compare(_chunks[^1][^1], key) < 0, "keys come in order");
        if (_chunks.Count == 0 || _chunks[^1].Count >= Load)
        {
            _chunks.Add(new List<byte[]>(Load));
        }

        _chunks[^1].Add(key);
        Count++;
    }

    public bool Remove(byte[] key)
    {
        int c = ChunkFor(key);
        if (c == _chunks.Count)
        {
            return false;
        }

        var chunk = _chunks[c];
        int at = chunk.BinarySearch(key, ByteKeys.Instance);
        if (at < 0)
        {
            return false;
        }

        chunk.RemoveAt(at);
        Count--;
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(c);
        }

        return true;
    }

    /// <summary>Keys k with from &lt;= k &lt; end (end null: unbounded), in order.</summary>
    public IEnumerable<byte[]> Range(byte[] from, byte[]? end)
    {
        int c = ChunkFor(from);
        if (c == _chunks.Count)
        {
            yield break;
        }

        int i = _chunks[c].BinarySearch(from, ByteKeys.Instance);
        if (i < 0)
        {
            i = ~i;
        }

        for (; c < _chunks.Count; c++, i = 0)
        {
            var chunk = _chunks[c];
            for (; i < chunk.Count; i++)
            {
                var key = chunk[i];
                if (end is not null && ByteKeys.Instance.Compare(key, end) >= 0)
                {
                    yield break;
                }

                yield return key;
            }
        }
    }

    public void Clear()
    {
        _chunks.Clear();
        Count = 0;
    }

    // The first chunk whose last key is >= key (_chunks.Count if none).
    private int ChunkFor(byte[] key)
    {
        int lo = 0, hi = _chunks.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ByteKeys.Instance.Compare(_chunks[mid][^1], key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
