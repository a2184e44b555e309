using Arbiter.Core.Resources;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Reduction;

/// <summary>FsCheck generators of resource states shared by the reduction, avoidance and detection tests.</summary>
public static class StateGenerators
{
    /// <summary>Uniformly random small states (n ≤ 10, m ≤ 4): many ties, zero rows, nobody-finishes states.</summary>
    public static Gen<ReductionState> Small =>
        from m in Gen.Choose(1, 4)
        from n in Gen.Choose(0, 10)
        from available in Gen.ArrayOf(Gen.Choose(0, 4), m)
        from allocation in Gen.ArrayOf(Gen.Choose(0, 3), n * m)
        from demand in Gen.ArrayOf(Gen.Choose(0, 6), n * m)
        select new ReductionState(m, n, available, allocation, demand);

    /// <summary>Random medium states (n up to 150, m up to 8), mostly sparse allocations so several passes occur.</summary>
    public static Gen<ReductionState> Medium =>
        from m in Gen.Choose(1, 8)
        from n in Gen.Choose(20, 150)
        from available in Gen.ArrayOf(Gen.Choose(0, 3), m)
        from allocation in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2))), n * m)
        from demand in Gen.ArrayOf(Gen.Choose(0, 12), n * m)
        select new ReductionState(m, n, available, allocation, demand);

    /// <summary>
    /// Adversarial chains: every process holds one instance of every type, and the process of rank k demands about
    /// Available + k, so processes become able to finish one (or a few, with the jitter) at a time in rank order.
    /// With ranks in reverse index order this is the textbook scan's worst case (one finisher per pass).
    /// </summary>
    public static Gen<ReductionState> Chain =>
        from m in Gen.Choose(1, 6)
        from n in Gen.Choose(1, 120)
        from reverse in Gen.Elements(true, false)
        from shuffled in Gen.Shuffle(Enumerable.Range(0, n).ToArray())
        from available in Gen.ArrayOf(Gen.Choose(0, 2), m)
        from jitter in Gen.ArrayOf(Gen.Choose(-2, 1), n * m)
        select BuildChain(m, n, reverse ? Enumerable.Range(0, n).Reverse().ToArray() : shuffled, available, jitter);

    /// <summary>All shapes mixed.</summary>
    public static Gen<ReductionState> Any => Gen.OneOf(Small, Medium, Chain);

    private static ReductionState BuildChain(int m, int n, int[] rank, int[] available, int[] jitter)
    {
        var allocation = Enumerable.Repeat(1, n * m).ToArray();
        var demand = new int[n * m];
        for (int p = 0; p < n; p++)
        {
            for (int r = 0; r < m; r++)
            {
                demand[(p * m) + r] = Math.Max(0, available[r] + rank[p] + jitter[(p * m) + r]);
            }
        }

        return new ReductionState(m, n, available, allocation, demand);
    }

    /// <summary>
    /// Valid ledgers with every claim declared and some outstanding requests: totals 1..8 per type, allocations that
    /// fit the totals, Need and Request within what the rest of the system could ever give.
    /// </summary>
    public static Gen<ResourceLedger> Ledger(int minProcesses, int maxProcesses) =>
        from m in Gen.Choose(1, 3)
        from n in Gen.Choose(minProcesses, maxProcesses)
        from total in Gen.ArrayOf(Gen.Choose(1, 8), m)
        from rawAllocation in Gen.ArrayOf(Gen.Choose(0, 3), n * m)
        from needFraction in Gen.ArrayOf(Gen.Choose(0, 100), n * m)
        from requestFraction in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(0, 100))), n * m)
        select BuildLedger(m, n, total, rawAllocation, needFraction, requestFraction);

    private static ResourceLedger BuildLedger(int m, int n, int[] total, int[] rawAllocation, int[] needFraction, int[] requestFraction)
    {
        var left = (int[])total.Clone();
        var processes = new ProcessSpec[n];
        for (int p = 0; p < n; p++)
        {
            var allocation = new int[m];
            var max = new int[m];
            var request = new int[m];
            for (int r = 0; r < m; r++)
            {
                int i = (p * m) + r;
                allocation[r] = Math.Min(rawAllocation[i], left[r]);
                left[r] -= allocation[r];
                int room = total[r] - allocation[r];
                max[r] = allocation[r] + (room * needFraction[i] / 100);
                request[r] = room * requestFraction[i] / 100;
            }

            processes[p] = new ProcessSpec($"P{p}", allocation, max, request);
        }

        var resources = Enumerable.Range(0, m).Select(r => ((char)('A' + r)).ToString()).ToArray();
        return ResourceLedger.FromSpec(new LedgerSpec(resources, total, null, processes));
    }
}
