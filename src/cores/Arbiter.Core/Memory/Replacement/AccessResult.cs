namespace Arbiter.Core.Memory.Replacement;

/// <summary>The outcome of one reference: hit or miss, the frame that now holds the page, and the page evicted (if any).</summary>
/// <param name="Hit">True if the page was resident.</param>
/// <param name="Frame">The frame holding the page after the reference.</param>
/// <param name="Evicted">The page that was replaced to make room, or null (a hit, or a miss into a free frame).</param>
public readonly record struct AccessResult(bool Hit, int Frame, long? Evicted);
