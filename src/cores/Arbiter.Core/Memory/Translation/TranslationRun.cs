namespace Arbiter.Core.Memory.Translation;

/// <summary>Every translation of a run and its totals.</summary>
/// <param name="Space">The address space.</param>
/// <param name="Steps">The translations in order.</param>
/// <param name="PageTables">Page-table nodes allocated by the end.</param>
public sealed record TranslationRun(AddressSpace Space, IReadOnlyList<Translation> Steps, int PageTables)
{
    /// <summary>Accesses that found their translation in the TLB.</summary>
    public int TlbHits => Steps.Count(s => s.TlbHit == true);

    /// <summary>Accesses that missed in the TLB (every access when there is no TLB).</summary>
    public int TlbMisses => Steps.Count - TlbHits;

    /// <summary>Accesses whose page was not in memory.</summary>
    public int PageFaults => Steps.Count(s => s.PageFault);

    /// <summary>Memory references in all.</summary>
    public long MemoryReferences => Steps.Sum(s => (long)s.MemoryReferences);

    /// <summary>
    /// Effective access time in nanoseconds per access: memory references × <paramref name="memoryNs"/> plus page
    /// faults × <paramref name="faultNs"/>, averaged (Silberschatz §10.2.2 uses 200 ns and 8 ms).
    /// </summary>
    public double EffectiveAccessNs(double memoryNs, double faultNs) =>
        Steps.Count == 0 ? 0 : ((MemoryReferences * memoryNs) + (PageFaults * faultNs)) / Steps.Count;
}
