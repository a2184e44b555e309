namespace Arbiter.Core.Tests.Deadlock.Reduction;

/// <summary>A raw reduction input (Available, Allocation, Demand) as generated for property tests.</summary>
public sealed record ReductionState(int M, int N, int[] Available, int[] Allocation, int[] Demand)
{
    public override string ToString()
    {
        var rows = Enumerable.Range(0, N).Select(p =>
            $"P{p} alloc ({string.Join(",", Allocation.Skip(p * M).Take(M))}) demand ({string.Join(",", Demand.Skip(p * M).Take(M))})");
        return $"m={M} n={N} available ({string.Join(",", Available)}); {string.Join("; ", rows)}";
    }
}
