using System.Diagnostics;
using System.Numerics;

namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// A set of process indices 0..n−1 with successor search, used by <see cref="HoltReduction"/> to find "the
/// smallest ready process at or after the scan cursor". A hierarchical bitset: level 0 holds one bit per index,
/// each higher level one bit per non-empty word of the level below, up to a single word. Add, Remove and
/// <see cref="NextAtOrAfter"/> cost O(log₆₄ n) word operations (3 levels for n up to 262,144).
/// </summary>
internal sealed class ReadySet
{
    private readonly ulong[][] _levels;
    private readonly int _capacity;

    /// <summary>Creates an empty set for indices 0..<paramref name="capacity"/>−1.</summary>
    public ReadySet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        var levels = new List<ulong[]>();
        int words = Math.Max(1, (capacity + 63) >> 6);
        while (true)
        {
            levels.Add(new ulong[words]);
            if (words == 1)
            {
                break;
            }

            words = (words + 63) >> 6;
        }

        _levels = [.. levels];
    }

    /// <summary>Adds <paramref name="index"/> (no effect if present).</summary>
    public void Add(int index)
    {
        Debug.Assert((uint)index < (uint)_capacity, "index out of range");
        int i = index;
        for (int level = 0; level < _levels.Length; level++)
        {
            ref ulong word = ref _levels[level][i >> 6];
            bool wasEmpty = word == 0;
            word |= 1UL << (i & 63);
            if (!wasEmpty)
            {
                return; // the levels above already record this word as non-empty
            }

            i >>= 6;
        }
    }

    /// <summary>Removes <paramref name="index"/> (no effect if absent).</summary>
    public void Remove(int index)
    {
        Debug.Assert((uint)index < (uint)_capacity, "index out of range");
        int i = index;
        for (int level = 0; level < _levels.Length; level++)
        {
            ref ulong word = ref _levels[level][i >> 6];
            word &= ~(1UL << (i & 63));
            if (word != 0)
            {
                return; // the word still has members: the summary bit above stays set
            }

            i >>= 6;
        }
    }

    /// <summary>True if <paramref name="index"/> is in the set.</summary>
    public bool Contains(int index) => (_levels[0][index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>The smallest member ≥ <paramref name="index"/>, or −1 if there is none.</summary>
    public int NextAtOrAfter(int index)
    {
        if (index >= _capacity)
        {
            return -1;
        }

        int i = Math.Max(0, index);
        int level = 0;

        // Climb until a word has a member at or after the current position...
        while (true)
        {
            if (level == _levels.Length)
            {
                return -1;
            }

            ulong[] words = _levels[level];
            int w = i >> 6;
            if (w >= words.Length)
            {
                return -1;
            }

            ulong bits = words[w] & (~0UL << (i & 63));
            if (bits != 0)
            {
                i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                break;
            }

            i = w + 1;
            level++;
        }

        // ...then descend, always taking the lowest member of the word the summary bit points at.
        while (level > 0)
        {
            level--;
            i = (i << 6) + BitOperations.TrailingZeroCount(_levels[level][i]);
        }

        return i;
    }
}
