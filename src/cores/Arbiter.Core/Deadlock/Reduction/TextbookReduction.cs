namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// The textbook safety / detection scan (Silberschatz, <i>Operating System Concepts</i>, §8.6.3 and §8.7.2):
/// Work = Available; scan the processes in index order, letting every unfinished process whose demand ≤ Work finish
/// (Work += its allocation) as the scan meets it; repeat passes until a whole pass finishes nobody. Cost O(m·n²) in
/// the worst case (one process per pass), O(m·n) when one pass suffices. Kept as the independent oracle for
/// differential tests and as the baseline in benchmarks; its order is the canonical one every reducer reproduces.
/// </summary>
public static class TextbookReduction
{
    /// <summary>Reduces the state; <paramref name="demand"/> is Need for safety or Request for detection (row-major n × m).</summary>
    public static ReductionResult Reduce(ReadOnlySpan<int> available, ReadOnlySpan<int> allocation, ReadOnlySpan<int> demand, int processCount)
    {
        int m = available.Length;
        var work = available.ToArray().Select(x => (long)x).ToArray();
        var finished = new bool[processCount];
        var order = new List<int>(processCount);
        bool progress = true;
        while (progress)
        {
            progress = false;
            for (int p = 0; p < processCount; p++)
            {
                if (finished[p] || !Fits(demand.Slice(p * m, m), work))
                {
                    continue;
                }

                for (int r = 0; r < m; r++)
                {
                    work[r] += allocation[(p * m) + r];
                }

                finished[p] = true;
                order.Add(p);
                progress = true; // keep scanning this pass: later processes see the larger Work
            }
        }

        var unfinished = Enumerable.Range(0, processCount).Where(p => !finished[p]).ToArray();
        return new ReductionResult(order, unfinished);
    }

    private static bool Fits(ReadOnlySpan<int> demand, long[] work)
    {
        for (int r = 0; r < demand.Length; r++)
        {
            if (demand[r] > work[r])
            {
                return false;
            }
        }

        return true;
    }
}
