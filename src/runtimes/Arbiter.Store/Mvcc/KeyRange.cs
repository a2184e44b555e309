namespace Arbiter.Store.Mvcc;

/// <summary>
/// etcd's <c>key</c>/<c>range_end</c> convention: an empty <c>range_end</c> names the single key; the one byte
/// <c>"\0"</c> means every key &gt;= <c>key</c>; anything else is the half-open interval [key, range_end).
/// A prefix is [p, <see cref="PrefixEnd"/>(p)).
/// </summary>
public readonly record struct KeyRange
{
    /// <summary>Builds the range from the request's two fields.</summary>
    /// <param name="key">The first key.</param>
    /// <param name="rangeEnd">The request's range_end (empty for a single key).</param>
    public KeyRange(byte[] key, byte[]? rangeEnd)
    {
        Key = key;
        if (rangeEnd is null || rangeEnd.Length == 0)
        {
            IsSingle = true;
        }
        else if (rangeEnd is [0])
        {
            End = null;
        }
        else
        {
            End = rangeEnd;
        }
    }

    /// <summary>The first key of the range.</summary>
    public byte[] Key { get; }

    /// <summary>The exclusive end; null with <see cref="IsSingle"/> false means unbounded.</summary>
    public byte[]? End { get; }

    /// <summary>True if the range is the single key <see cref="Key"/>.</summary>
    public bool IsSingle { get; }

    /// <summary>Whether <paramref name="key"/> lies in the range.</summary>
    /// <param name="key">A key.</param>
    /// <returns>True if inside.</returns>
    public bool Contains(byte[] key)
    {
        int fromStart = ByteKeys.Instance.Compare(key, Key);
        if (IsSingle)
        {
            return fromStart == 0;
        }

        return fromStart >= 0 && (End is null || ByteKeys.Instance.Compare(key, End) < 0);
    }

    /// <summary>
    /// The range_end that selects every key starting with <paramref name="prefix"/> (etcd's <c>GetPrefixRangeEnd</c>):
    /// the prefix with its last byte below 0xff incremented and the rest cut; <c>"\0"</c> (all keys) when every byte is 0xff.
    /// </summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The range_end.</returns>
    public static byte[] PrefixEnd(byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        for (int i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] < 0xff)
            {
                var end = prefix[..(i + 1)];
                end[i]++;
                return end;
            }
        }

        return [0];
    }
}
