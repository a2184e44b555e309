using System.Numerics;

namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// The set of operations already linearized, as a bitset with an incrementally kept hash (Zobrist: the XOR of one
/// random-looking word per member), so that hashing a set costs O(1) instead of O(n/64) per search step.
/// </summary>
internal sealed class LinearizedSet
{
    private readonly ulong[] _words;

    public LinearizedSet(int size) => _words = new ulong[(size + 63) / 64];

    public ulong Hash { get; private set; }

    public int Count { get; private set; }

    public void Add(int member)
    {
        _words[member >> 6] |= 1UL << member;
        Hash ^= Zobrist(member);
        Count++;
    }

    public void Remove(int member)
    {
        _words[member >> 6] &= ~(1UL << member);
        Hash ^= Zobrist(member);
        Count--;
    }

    /// <summary>A copy of the words with <paramref name="member"/> added (what the cache stores).</summary>
    public ulong[] CopyWith(int member)
    {
        var copy = (ulong[])_words.Clone();
        copy[member >> 6] |= 1UL << member;
        return copy;
    }

    /// <summary>Whether <paramref name="words"/> is exactly this set plus <paramref name="member"/>, without copying.</summary>
    public bool EqualsWith(ulong[] words, int member)
    {
        int at = member >> 6;
        for (int i = 0; i < words.Length; i++)
        {
            ulong mine = i == at ? _words[i] | (1UL << member) : _words[i];
            if (words[i] != mine)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A fixed, well-mixed word per member (SplitMix64 of the member).</summary>
    public static ulong Zobrist(int member)
    {
        ulong z = (ulong)(member + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public override string ToString() => $"{Count} of {_words.Sum(BitOperations.PopCount)} linearized";
}
