namespace Arbiter.Core.Memory.Paging;

/// <summary>One reference of a paging run.</summary>
/// <param name="Page">The page referenced.</param>
/// <param name="Hit">True if it was resident.</param>
/// <param name="Frame">The frame holding it afterwards.</param>
/// <param name="Evicted">The page it replaced, or null.</param>
/// <param name="Frames">The content of every frame after the reference (null = free).</param>
public sealed record PageAccess(long Page, bool Hit, int Frame, long? Evicted, IReadOnlyList<long?> Frames);
