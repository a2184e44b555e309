namespace Arbiter.Core.Memory.Translation;

/// <summary>
/// A multi-level (radix) page table (Silberschatz 10th ed., §9.4.1 hierarchical paging; OSTEP ch. 20): the virtual
/// page number is cut into one index per level; each level's entry points to the next table and the last level's
/// entry holds the frame and a present bit. Tables are created on first use, so a sparse address space costs only
/// the tables it touches. A walk reads one entry per level: <see cref="Levels"/> memory references.
/// </summary>
public sealed class PageTable
{
    private readonly int[] _bits;
    private readonly Node _root;

    /// <summary>Creates an empty table with <paramref name="bitsPerLevel"/> index bits per level, top first.</summary>
    public PageTable(IReadOnlyList<int> bitsPerLevel)
    {
        ArgumentNullException.ThrowIfNull(bitsPerLevel);
        ArgumentOutOfRangeException.ThrowIfZero(bitsPerLevel.Count);
        _bits = [.. bitsPerLevel];
        _root = NewNode(0);
        Tables = 1;
    }

    /// <summary>Levels of the table.</summary>
    public int Levels => _bits.Length;

    /// <summary>Page-table nodes allocated so far (each one page-table page).</summary>
    public int Tables { get; private set; }

    /// <summary>Entries per node at each level.</summary>
    public IEnumerable<long> EntriesPerTable => _bits.Select(b => 1L << b);

    /// <summary>The index into each level's table for <paramref name="vpn"/>, top level first.</summary>
    public int[] Indices(long vpn)
    {
        var indices = new int[_bits.Length];
        int shift = _bits.Sum();
        for (int l = 0; l < _bits.Length; l++)
        {
            shift -= _bits[l];
            indices[l] = (int)((vpn >> shift) & ((1L << _bits[l]) - 1));
        }

        return indices;
    }

    /// <summary>Walks the table: the frame of <paramref name="vpn"/>, or null if it is not present.</summary>
    public int? Walk(long vpn)
    {
        Node node = _root;
        int[] indices = Indices(vpn);
        for (int l = 0; l < indices.Length - 1; l++)
        {
            Node? child = node.Children![indices[l]];
            if (child is null)
            {
                return null;
            }

            node = child;
        }

        int frame = node.Frames![indices[^1]];
        return frame >= 0 ? frame : null;
    }

    /// <summary>Marks <paramref name="vpn"/> present in <paramref name="frame"/>, creating tables on the way.</summary>
    public void Map(long vpn, int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        Leaf(vpn, create: true)!.Frames![Indices(vpn)[^1]] = frame;
    }

    /// <summary>Clears the present bit of <paramref name="vpn"/> (its page was evicted).</summary>
    public void Unmap(long vpn)
    {
        if (Leaf(vpn, create: false) is { } leaf)
        {
            leaf.Frames![Indices(vpn)[^1]] = -1;
        }
    }

    private Node? Leaf(long vpn, bool create)
    {
        Node node = _root;
        int[] indices = Indices(vpn);
        for (int l = 0; l < indices.Length - 1; l++)
        {
            Node? child = node.Children![indices[l]];
            if (child is null)
            {
                if (!create)
                {
                    return null;
                }

                child = node.Children[indices[l]] = NewNode(l + 1);
                Tables++;
            }

            node = child;
        }

        return node;
    }

    private Node NewNode(int level)
    {
        int size = 1 << _bits[level];
        if (level < _bits.Length - 1)
        {
            return new Node { Children = new Node?[size] };
        }

        var frames = new int[size];
        Array.Fill(frames, -1);
        return new Node { Frames = frames };
    }

    private sealed class Node
    {
        public Node?[]? Children { get; init; }

        public int[]? Frames { get; init; }
    }
}
