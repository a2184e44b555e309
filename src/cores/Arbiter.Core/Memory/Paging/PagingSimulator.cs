using Arbiter.Core.Memory.Replacement;

namespace Arbiter.Core.Memory.Paging;

/// <summary>Drives a replacement policy over a reference string: the engine behind <c>arbiter paging</c>.</summary>
public static class PagingSimulator
{
    /// <summary>Runs <paramref name="policy"/> over <paramref name="trace"/>, recording every reference and the frames after it.</summary>
    public static PagingRun Run(IReplacementPolicy policy, ReadOnlySpan<long> trace)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var accesses = new PageAccess[trace.Length];
        for (int i = 0; i < trace.Length; i++)
        {
            AccessResult r = policy.Access(trace[i]);
            accesses[i] = new PageAccess(trace[i], r.Hit, r.Frame, r.Evicted, policy.Frames());
        }

        return new PagingRun(policy.Name, policy.Capacity, accesses);
    }

    /// <summary>Runs a new policy of <paramref name="kind"/> over <paramref name="trace"/> (OPT gets the trace as its future).</summary>
    public static PagingRun Run(ReplacementPolicyKind kind, int frames, ReadOnlySpan<long> trace, ulong seed = 0) =>
        Run(ReplacementPolicies.Create(kind, frames, trace, seed), trace);

    /// <summary>The number of misses of <paramref name="policy"/> over <paramref name="trace"/>, recording nothing else.</summary>
    public static long CountMisses(IReplacementPolicy policy, ReadOnlySpan<long> trace)
    {
        ArgumentNullException.ThrowIfNull(policy);
        long misses = 0;
        foreach (long page in trace)
        {
            if (!policy.Access(page).Hit)
            {
                misses++;
            }
        }

        return misses;
    }
}
