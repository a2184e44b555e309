namespace Arbiter.Core.Memory.Replacement;

/// <summary>The page-replacement policies Arbiter implements.</summary>
public enum ReplacementPolicyKind
{
    /// <summary>First in, first out: evict the page loaded longest ago.</summary>
    Fifo,

    /// <summary>Least recently used.</summary>
    Lru,

    /// <summary>Belady's optimal policy: evict the page used farthest in the future (needs the whole trace).</summary>
    Opt,

    /// <summary>Most recently used.</summary>
    Mru,

    /// <summary>Second-chance clock: a hand sweeps the frames, clearing reference bits, and evicts the first page whose bit is clear.</summary>
    Clock,

    /// <summary>A uniformly random frame, from a seeded generator.</summary>
    Random,

    /// <summary>Least frequently used (references counted while resident; ties to the least recently used).</summary>
    Lfu,

    /// <summary>Adaptive Replacement Cache (Megiddo &amp; Modha, FAST 2003).</summary>
    Arc,
}
