namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// A page-replacement policy over a fixed number of frames: the one interface behind FIFO, LRU, OPT, MRU, clock,
/// random, LFU and ARC, used alike by <c>arbiter paging</c>, by the frame pool and by the TLB of the translation
/// simulator. Frames are numbered 0 … <see cref="Capacity"/> − 1 and are observable: a loaded page stays in the frame
/// it was loaded into until it is evicted or removed, and a page loaded into free memory takes the lowest free frame.
/// </summary>
public interface IReplacementPolicy
{
    /// <summary>The policy's short name: fifo, lru, opt, mru, clock, random, lfu or arc.</summary>
    string Name { get; }

    /// <summary>The number of frames.</summary>
    int Capacity { get; }

    /// <summary>The number of frames holding a page.</summary>
    int Count { get; }

    /// <summary>
    /// References <paramref name="page"/>: a hit if it is resident; otherwise a miss that loads it, into the lowest
    /// free frame if there is one, else into the frame of the victim the policy chooses (reported as evicted).
    /// </summary>
    AccessResult Access(long page);

    /// <summary>Whether <paramref name="page"/> is resident. Does not count as a reference.</summary>
    bool Contains(long page);

    /// <summary>
    /// Drops <paramref name="page"/> without a reference (an invalidation, such as a TLB entry whose page was evicted
    /// from memory); its frame becomes free. Returns false if the page was not resident.
    /// </summary>
    bool Remove(long page);

    /// <summary>The page in frame <paramref name="frame"/>, or null if the frame is free.</summary>
    long? PageInFrame(int frame);
}
