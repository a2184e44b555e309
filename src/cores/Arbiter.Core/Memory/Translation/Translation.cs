namespace Arbiter.Core.Memory.Translation;

/// <summary>One virtual address translated.</summary>
/// <param name="Virtual">The virtual address.</param>
/// <param name="Vpn">Its virtual page number.</param>
/// <param name="Offset">Its offset within the page.</param>
/// <param name="Indices">The page-table index at each level, top first.</param>
/// <param name="TlbHit">Whether the TLB held the translation (null when there is no TLB).</param>
/// <param name="PageFault">Whether the page was not in memory.</param>
/// <param name="Evicted">The virtual page evicted from memory to make room, or null.</param>
/// <param name="Frame">The physical frame.</param>
/// <param name="Physical">The physical address: frame · page size + offset.</param>
/// <param name="MemoryReferences">Memory references this access cost: page-table entries read plus the access itself.</param>
public sealed record Translation(
    long Virtual,
    long Vpn,
    long Offset,
    IReadOnlyList<int> Indices,
    bool? TlbHit,
    bool PageFault,
    long? Evicted,
    int Frame,
    long Physical,
    int MemoryReferences);
