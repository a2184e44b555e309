namespace Arbiter.Store.Mvcc;

/// <summary>
/// Bytewise ordering and equality of keys (etcd orders keys as raw bytes, like Go's <c>bytes.Compare</c>).
/// </summary>
public sealed class ByteKeys : IComparer<byte[]>, IEqualityComparer<byte[]>
{
    /// <summary>The one instance.</summary>
    public static readonly ByteKeys Instance = new();

    private ByteKeys()
    {
    }

    /// <summary>Compares two keys bytewise; a proper prefix sorts first.</summary>
    /// <param name="x">The first key.</param>
    /// <param name="y">The second key.</param>
    /// <returns>Negative, zero or positive as <paramref name="x"/> sorts before, with or after <paramref name="y"/>.</returns>
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);

    /// <summary>True if both keys hold the same bytes.</summary>
    /// <param name="x">The first key.</param>
    /// <param name="y">The second key.</param>
    /// <returns>Whether the bytes are equal.</returns>
    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    /// <summary>A hash of the key's bytes.</summary>
    /// <param name="obj">The key.</param>
    /// <returns>The hash.</returns>
    public int GetHashCode(byte[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
