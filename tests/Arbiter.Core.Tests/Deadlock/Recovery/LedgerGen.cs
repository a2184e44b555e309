using Arbiter.Core.Resources;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Recovery;

/// <summary>Random raw numbers for one process; <see cref="LedgerGen.Build"/> clips them into a valid state.</summary>
internal sealed record RawProcess(int[] Request, int[]? MaxExtra, int Priority, int CpuTime, int Rollbacks, int[] Checkpoint);

/// <summary>FsCheck generator of resource states (1–3 types of 1–3 instances, 1–6 processes) that often deadlock.</summary>
internal static class LedgerGen
{
    public static Gen<LedgerSpec> Spec() =>
        from m in Gen.Choose(1, 3)
        from n in Gen.Choose(1, 6)
        from total in Gen.ArrayOf(Gen.Choose(1, 3), m)
        from owners in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(-1)), (4, Gen.Choose(0, n - 1))), total.Sum())
        from processes in Gen.ArrayOf(Process(m), n)
        select Build(total, owners, processes);

    public static Arbitrary<LedgerSpec> Arbitrary() => Arb.From(Spec());

    private static Gen<RawProcess> Process(int m) =>
        from request in Gen.ArrayOf(Gen.Choose(0, 2), m)
        from requestAnything in Gen.Frequency((1, Gen.Constant(false)), (4, Gen.Constant(true)))
        from declared in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from extra in Gen.ArrayOf(Gen.Choose(0, 2), m)
        from priority in Gen.Choose(0, 3)
        from cpu in Gen.Choose(0, 5)
        from rollbacks in Gen.Choose(0, 2)
        from checkpoint in Gen.ArrayOf(Gen.Choose(0, 2), m)
        select new RawProcess(requestAnything ? request : new int[m], declared ? extra : null, priority, cpu, rollbacks, checkpoint);

    /// <summary>Instance k of the resources (numbered type by type) goes to process owners[k], or stays free if −1.</summary>
    private static LedgerSpec Build(int[] total, int[] owners, RawProcess[] raw)
    {
        int m = total.Length;
        var allocations = new int[raw.Length][];
        for (int p = 0; p < raw.Length; p++)
        {
            allocations[p] = new int[m];
        }

        for (int r = 0, k = 0; r < m; r++)
        {
            for (int i = 0; i < total[r]; i++, k++)
            {
                if (owners[k] >= 0)
                {
                    allocations[owners[k]][r]++;
                }
            }
        }

        var processes = new List<ProcessSpec>();
        for (int p = 0; p < raw.Length; p++)
        {
            RawProcess rp = raw[p];
            int[] allocation = allocations[p];

            int[] request = [.. Enumerable.Range(0, m).Select(r => Math.Min(rp.Request[r], total[r] - allocation[r]))];
            int[]? max = rp.MaxExtra is null ? null
                : [.. Enumerable.Range(0, m).Select(r => Math.Min(total[r], allocation[r] + request[r] + rp.MaxExtra[r]))];
            int[] checkpoint = [.. Enumerable.Range(0, m).Select(r => Math.Min(rp.Checkpoint[r], allocation[r]))];
            processes.Add(new ProcessSpec($"P{p}", allocation, max, request, rp.Priority, rp.CpuTime, rp.Rollbacks, checkpoint));
        }

        return new LedgerSpec([.. Enumerable.Range(0, m).Select(r => $"R{r}")], total, null, processes);
    }
}
