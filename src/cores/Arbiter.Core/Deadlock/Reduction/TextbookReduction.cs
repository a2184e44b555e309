namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// The textbook safety / detection scan (Silberschatz, <i>Operating System Concepts</i>, §8.6.3 and §8.7.2):
/// Work = Available; repeatedly find the lowest-numbered unfinished process whose demand ≤ Work, let it finish
/// (Work += its allocation), until none is found. Cost O(m·n²). Kept as the independent oracle for differential
/// tests and as the baseline in benchmarks; also the step-by-step trace shown to learners.
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
                progress = true;
                break; // restart from the lowest index: the canonical order
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
