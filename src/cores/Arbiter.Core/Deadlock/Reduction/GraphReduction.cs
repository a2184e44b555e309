using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// Graph reduction (Holt 1972): the one routine behind both the Banker's safety check (demand = Need) and the
/// multi-instance detection algorithm (demand = Request). Entry point used by every caller; the implementation
/// behind it may change, the canonical order may not.
/// </summary>
public static class GraphReduction
{
    /// <summary>Reduces with an explicit demand matrix (row-major n × m).</summary>
    public static ReductionResult Reduce(ReadOnlySpan<int> available, ReadOnlySpan<int> allocation, ReadOnlySpan<int> demand, int processCount)
        => TextbookReduction.Reduce(available, allocation, demand, processCount);

    /// <summary>Safety: can every process obtain its remaining claim (Need) in some order?</summary>
    public static ReductionResult ReduceByNeed(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return Reduce(ledger.Available, ledger.AllocationMatrix, ledger.NeedMatrix(), ledger.ProcessCount);
    }

    /// <summary>Detection: can every process obtain its outstanding Request in some order?</summary>
    public static ReductionResult ReduceByRequest(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return Reduce(ledger.Available, ledger.AllocationMatrix, ledger.RequestMatrix, ledger.ProcessCount);
    }
}
