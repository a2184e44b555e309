using System.Diagnostics;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// Graph reduction (Holt 1972): the one routine behind both the Banker's safety check (demand = Need) and the
/// multi-instance detection algorithm (demand = Request). Entry point used by every caller; the implementation
/// behind it may change, the canonical order may not. Today it is <see cref="HoltReduction"/>, O(m·n·log n),
/// checked against <see cref="TextbookReduction"/> (the canonical pass scan).
/// </summary>
public static class GraphReduction
{
    /// <summary>Reduces with an explicit demand matrix (row-major n × m).</summary>
    public static ReductionResult Reduce(ReadOnlySpan<int> available, ReadOnlySpan<int> allocation, ReadOnlySpan<int> demand, int processCount)
        => HoltReduction.Reduce(available, allocation, demand, processCount);

    /// <summary>Safety: can every process obtain its remaining claim (Need) in some order?</summary>
    public static ReductionResult ReduceByNeed(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return HoltReduction.ReduceByNeed(ledger.Available, ledger.AllocationMatrix, ledger.MaxMatrix, ledger.ProcessCount);
    }

    /// <summary>Detection: can every process obtain its outstanding Request in some order?</summary>
    public static ReductionResult ReduceByRequest(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return Reduce(ledger.Available, ledger.AllocationMatrix, ledger.RequestMatrix, ledger.ProcessCount);
    }

    /// <summary>
    /// The reduction as steps for learners: the canonical order (computed by <see cref="Reduce"/>) replayed in
    /// O(n·m), recording each process's demand and Work before and after it finishes, then the final Work and the
    /// processes left stuck.
    /// </summary>
    public static ReductionExplanation Explain(ReadOnlySpan<int> available, ReadOnlySpan<int> allocation, ReadOnlySpan<int> demand, int processCount)
    {
        ReductionResult result = Reduce(available, allocation, demand, processCount);
        int m = available.Length;
        var work = new long[m];
        for (int r = 0; r < m; r++)
        {
            work[r] = available[r];
        }

        var steps = new ReductionStep[result.Order.Count];
        for (int i = 0; i < steps.Length; i++)
        {
            int p = result.Order[i];
            int[] need = demand.Slice(p * m, m).ToArray();
            long[] before = (long[])work.Clone();
            for (int r = 0; r < m; r++)
            {
                Debug.Assert(need[r] <= work[r], "the canonical order only finishes processes whose demand fits");
                work[r] += allocation[(p * m) + r];
            }

            steps[i] = new ReductionStep(p, need, before, (long[])work.Clone());
        }

        return new ReductionExplanation(steps, work, result.Unfinished);
    }

    /// <summary><see cref="Explain"/> with demand = Need (the Banker's safety check).</summary>
    public static ReductionExplanation ExplainByNeed(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return Explain(ledger.Available, ledger.AllocationMatrix, ledger.NeedMatrix(), ledger.ProcessCount);
    }

    /// <summary><see cref="Explain"/> with demand = Request (detection).</summary>
    public static ReductionExplanation ExplainByRequest(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return Explain(ledger.Available, ledger.AllocationMatrix, ledger.RequestMatrix, ledger.ProcessCount);
    }
}
