using System.Globalization;
using System.Text;

namespace Arbiter.Core.Distributed.Clocks;

/// <summary>
/// An immutable vector timestamp: entry i counts the events of process i that the stamped event knows of.
/// Compared component-wise, it characterises happened-before exactly: a → b ⇔ V(a) &lt; V(b).
/// </summary>
/// <remarks>
/// Source: C. Fidge, "Timestamps in Message-Passing Systems That Preserve the Partial Ordering", 1988;
/// F. Mattern, "Virtual Time and Global States of Distributed Systems", 1989. Cost: O(N) per comparison or merge.
/// Processes are numbered by position 0..N−1 (the simulator maps node ids to positions in ascending order).
/// </remarks>
public sealed class VectorTimestamp : IEquatable<VectorTimestamp>
{
    private readonly long[] _entries;

    /// <summary>Creates a timestamp from its entries (copied).</summary>
    public VectorTimestamp(IEnumerable<long> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        if (Array.Exists(_entries, e => e < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(entries), "vector entries are never negative");
        }
    }

    private VectorTimestamp(long[] entries, bool owned)
    {
        _ = owned;
        _entries = entries;
    }

    /// <summary>The zero vector of <paramref name="processes"/> entries (before any event).</summary>
    public static VectorTimestamp Zero(int processes) => new(new long[processes], owned: true);

    /// <summary>How many processes the vector covers.</summary>
    public int Count => _entries.Length;

    /// <summary>Entry <paramref name="process"/>.</summary>
    public long this[int process] => _entries[process];

    /// <summary>The entries, in process order.</summary>
    public IReadOnlyList<long> Entries => _entries;

    internal static VectorTimestamp Own(long[] entries) => new(entries, owned: true);

    /// <summary>This vector with entry <paramref name="process"/> incremented (a local or send event).</summary>
    public VectorTimestamp Increment(int process)
    {
        long[] copy = (long[])_entries.Clone();
        copy[process]++;
        return Own(copy);
    }

    /// <summary>The component-wise maximum (least upper bound) of two vectors of the same size.</summary>
    public VectorTimestamp Merge(VectorTimestamp other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireSameSize(other);
        long[] merged = new long[_entries.Length];
        for (int i = 0; i < merged.Length; i++)
        {
            merged[i] = Math.Max(_entries[i], other._entries[i]);
        }

        return Own(merged);
    }

    /// <summary>How this event relates to <paramref name="other"/> under happened-before.</summary>
    public PartialOrder Compare(VectorTimestamp other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireSameSize(other);
        bool less = false, greater = false;
        for (int i = 0; i < _entries.Length; i++)
        {
            less |= _entries[i] < other._entries[i];
            greater |= _entries[i] > other._entries[i];
        }

        return (less, greater) switch
        {
            (false, false) => PartialOrder.Equal,
            (true, false) => PartialOrder.Before,
            (false, true) => PartialOrder.After,
            _ => PartialOrder.Concurrent,
        };
    }

    /// <summary>True when this event happened before <paramref name="other"/> (V ≤ W component-wise and V ≠ W).</summary>
    public bool HappenedBefore(VectorTimestamp other) => Compare(other) == PartialOrder.Before;

    /// <summary>True when neither event happened before the other.</summary>
    public bool ConcurrentWith(VectorTimestamp other) => Compare(other) == PartialOrder.Concurrent;

    /// <inheritdoc/>
    public bool Equals(VectorTimestamp? other) => other is not null && _entries.AsSpan().SequenceEqual(other._entries);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VectorTimestamp);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long e in _entries)
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }

    /// <summary>The vector as the textbooks write it: [1,0,2].</summary>
    public override string ToString()
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < _entries.Length; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(_entries[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }

    private void RequireSameSize(VectorTimestamp other)
    {
        if (other._entries.Length != _entries.Length)
        {
            throw new ArgumentException($"vectors of {_entries.Length} and {other._entries.Length} processes cannot be compared", nameof(other));
        }
    }
}
