using System.Diagnostics;

namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// Fast graph reduction that returns exactly the canonical order of <see cref="TextbookReduction"/>.
/// </summary>
/// <remarks>
/// <para>Source: R. C. Holt, "Some deadlock properties of computer systems", ACM Computing Surveys 4(3), 1972 —
/// the efficient reduction of general resource graphs: per resource type, the blocked processes ordered by their
/// demand, so that when Work grows only the processes it newly satisfies are touched.</para>
/// <para>Summary. (1) One textbook pass, O(n·m): on easy states it finishes everybody, so we are never slower than
/// the scan. (2) Each process left over is blocked on the first resource type whose demand exceeds Work; it waits
/// in that type's min-heap keyed by its demand (Holt's sorted list with its advancing pointer, kept lazily). When a
/// process finishes, Work grows only where it held something; those heaps release every process their new Work
/// covers, and each released process looks for its next shortfall further along its row — types before it already
/// fit and stay fitting because Work never shrinks. A process with no shortfall left is <i>ready</i>. (3) The pass
/// order is reproduced with a cursor: the textbook scan, standing at the cursor with Work fixed, finishes the
/// smallest ready index ≥ cursor; if there is none the pass ends and the next pass finishes the smallest ready
/// index overall.</para>
/// <para>Cost: O(n·m) for the first pass; afterwards every process advances through its m types at most once and
/// each advance costs one heap operation, so O(m·n·log n) in the worst case; ready-set operations are O(log₆₄ n).
/// Memory O(n + m) plus the heaps (at most one entry per unfinished process).</para>
/// </remarks>
public static class HoltReduction
{
    /// <summary>Reduces the state; <paramref name="demand"/> is Need for safety or Request for detection (row-major n × m).</summary>
    /// <exception cref="ArgumentException">The matrices do not have n × m entries.</exception>
    public static ReductionResult Reduce(ReadOnlySpan<int> available, ReadOnlySpan<int> allocation, ReadOnlySpan<int> demand, int processCount)
    {
        CheckShape(available.Length, allocation.Length, demand.Length, processCount);
        return Reduce(available, allocation, new MatrixDemand(demand), processCount);
    }

    /// <summary>
    /// Safety reduction with demand = Need = <paramref name="max"/> − <paramref name="allocation"/>, read in place
    /// (no Need matrix is built).
    /// </summary>
    /// <exception cref="ArgumentException">The matrices do not have n × m entries.</exception>
    public static ReductionResult ReduceByNeed(ReadOnlySpan<int> available, ReadOnlySpan<int> allocation, ReadOnlySpan<int> max, int processCount)
    {
        CheckShape(available.Length, allocation.Length, max.Length, processCount);
        return Reduce(available, allocation, new NeedDemand(max, allocation), processCount);
    }

    private static void CheckShape(int m, int allocationLength, int demandLength, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (allocationLength != n * m || demandLength != n * m)
        {
            throw new ArgumentException($"allocation and demand must have {n} × {m} = {n * m} entries (got {allocationLength} and {demandLength})");
        }
    }

    private static ReductionResult Reduce<TDemand>(ReadOnlySpan<int> available, ReadOnlySpan<int> allocation, TDemand demand, int processCount)
        where TDemand : IDemandMatrix, allows ref struct
    {
        int m = available.Length;
        int n = processCount;
        var work = new long[m];
        for (int r = 0; r < m; r++)
        {
            work[r] = available[r];
        }

        var order = new int[n];
        int finishedCount = 0;

        // blockedAt[p]: the first resource type whose demand exceeded Work when p was last examined; −1 once finished.
        var blockedAt = new int[n];

        // Phase 1: the first textbook pass, exactly as the scan does it.
        for (int p = 0; p < n; p++)
        {
            int row = p * m;
            int shortfall = demand.FirstShortfall(row, work, 0);
            if (shortfall == m)
            {
                AddRow(allocation, row, m, work);
                order[finishedCount++] = p;
                blockedAt[p] = -1;
            }
            else
            {
                blockedAt[p] = shortfall;
            }
        }

        // Everybody finished, or nobody did (Work never grew, so no later pass could finish anyone either).
        if (finishedCount == n || finishedCount == 0)
        {
            return Result(order, finishedCount, blockedAt, n);
        }

        // Phase 2: Holt's structure for the processes left over. First find where each one is short now (types
        // before its old shortfall fit at a smaller Work already), counting per type so every heap is allocated
        // once at its exact size (growing by doubling would churn the large-object heap at n = 10,000).
        var ready = new ReadySet(n);
        var blockedCount = new int[m];
        for (int p = 0; p < n; p++)
        {
            if (blockedAt[p] < 0)
            {
                continue;
            }

            int shortfall = demand.FirstShortfall(p * m, work, blockedAt[p]);
            blockedAt[p] = shortfall;
            if (shortfall == m)
            {
                ready.Add(p);
            }
            else
            {
                blockedCount[shortfall]++;
            }
        }

        var heaps = new DemandHeap?[m];
        for (int p = 0; p < n; p++)
        {
            int shortfall = blockedAt[p];
            if (shortfall >= 0 && shortfall < m)
            {
                (heaps[shortfall] ??= new DemandHeap(blockedCount[shortfall])).AddUnordered(demand[(p * m) + shortfall], p);
            }
        }

        foreach (DemandHeap? heap in heaps)
        {
            heap?.Heapify();
        }

        // The cursor starts a new pass (pass 2): pass 1 finished somebody, so the scan goes round again.
        int cursor = 0;
        while (true)
        {
            int next = ready.NextAtOrAfter(cursor);
            if (next < 0)
            {
                // The pass reached its end. A ready process below the cursor was not ready when the scan passed it
                // (or it would have been finished then), so Work grew during this pass: this pass made progress and
                // the scan starts another, whose first finisher is the smallest ready index.
                next = ready.NextAtOrAfter(0);
                if (next < 0)
                {
                    break;
                }
            }

            ready.Remove(next);
            blockedAt[next] = -1;
            order[finishedCount++] = next;
            cursor = next + 1;

            int row = next * m;
            AddRow(allocation, row, m, work);

            // Drain after the whole row is added: a released process looks at later types with their final Work,
            // so it is pushed onto a heap only when it is truly short there.
            for (int r = 0; r < m; r++)
            {
                DemandHeap? heap = heaps[r];
                if (allocation[row + r] == 0 || heap is null)
                {
                    continue;
                }

                while (heap.Count > 0 && heap.MinDemand <= work[r])
                {
                    int q = heap.PopProcess();
                    int qRow = q * m;
                    int shortfall = demand.FirstShortfall(qRow, work, r + 1);
                    blockedAt[q] = shortfall;
                    if (shortfall == m)
                    {
                        ready.Add(q);
                    }
                    else
                    {
                        (heaps[shortfall] ??= new DemandHeap(16)).Push(demand[qRow + shortfall], q);
                    }
                }
            }
        }

        return Result(order, finishedCount, blockedAt, n);
    }

    /// <summary>Work += the allocation row (a finished process returns what it held).</summary>
    private static void AddRow(ReadOnlySpan<int> allocation, int row, int m, long[] work)
    {
        ReadOnlySpan<int> held = allocation.Slice(row, m);
        Span<long> w = work.AsSpan(0, held.Length);
        for (int r = 0; r < held.Length; r++)
        {
            w[r] += held[r];
        }
    }

    private static ReductionResult Result(int[] order, int finishedCount, int[] blockedAt, int n)
    {
        var unfinished = new int[n - finishedCount];
        int u = 0;
        for (int p = 0; p < n; p++)
        {
            if (blockedAt[p] >= 0)
            {
                unfinished[u++] = p;
            }
        }

        Debug.Assert(u == unfinished.Length, "every process is either finished or unfinished");
        if (finishedCount < n)
        {
            Array.Resize(ref order, finishedCount);
        }

        return new ReductionResult(order, unfinished);
    }
}
