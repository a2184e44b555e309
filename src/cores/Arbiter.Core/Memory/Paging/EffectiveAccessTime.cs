namespace Arbiter.Core.Memory.Paging;

/// <summary>
/// Effective access time under demand paging (Silberschatz 10th ed., §10.2.2): (1 − p) × memory access time + p ×
/// page-fault service time, for a fault rate p. With the book's 200 ns and 8 ms, one fault in 1,000 accesses slows
/// memory down by a factor of 40 — why a working set that does not fit (thrashing) stops a machine.
/// </summary>
public static class EffectiveAccessTime
{
    /// <summary>Nanoseconds per access for fault rate <paramref name="faultRate"/>.</summary>
    public static double Nanoseconds(double faultRate, double memoryNs, double faultNs) =>
        ((1 - faultRate) * memoryNs) + (faultRate * faultNs);
}
