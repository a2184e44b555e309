namespace Arbiter.Sync.Tracking;

/// <summary>
/// Lock chains as lockdep keys them: a 64-bit hash of the sequence of (class, subclass) nodes a thread holds, built
/// incrementally (each entry's key extends the one below), so the key of "held stack + new lock" costs one mix.
/// </summary>
/// <remarks>
/// Two different chains with the same key would let the second skip validation; with a 64-bit mix the chance is
/// about c²/2⁶⁵ for c distinct chains, which lockdep (kernel/locking/lockdep.c, iterate_chain_key) also accepts.
/// </remarks>
internal static class ChainKey
{
    /// <summary>The key of the empty chain (nonzero so that zero can mean "empty slot" in caches).</summary>
    public const ulong Empty = 0x9E3779B97F4A7C15UL;

    /// <summary>The validator node of a class taken with a nesting subclass.</summary>
    public static long Node(LockClass lockClass, int subclass) => ((long)lockClass.Id << 16) | (ushort)subclass;

    /// <summary>The key of <paramref name="chain"/> extended by <paramref name="node"/> (SplitMix64 finaliser).</summary>
    public static ulong Extend(ulong chain, long node)
    {
        ulong z = chain ^ ((ulong)node * 0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z == 0 ? 1 : z;
    }
}
