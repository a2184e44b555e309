using Arbiter.Core.Memory.Replacement;
using Arbiter.Core.Memory.Traces;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Memory;

/// <summary>
/// 10 million references through each replacement policy, against the straightforward list-based version of the same
/// policy (<see cref="TextbookPolicy"/>: a linear search of the frames per reference, lists for the FIFO queue and the
/// recency order, a scan for LFU's and OPT's victim) measured in the same run. The trace is uniform over twice as many
/// pages as frames, so about half the references miss and evict. Reported per reference (OperationsPerInvoke);
/// creating the policy is included (for OPT that is the precomputation of next uses).
/// </summary>
[MemoryDiagnoser]
public class ReplacementBench
{
    private const int References = 10_000_000;
    private long[] _trace = [];

    [Params(ReplacementPolicyKind.Fifo, ReplacementPolicyKind.Lru, ReplacementPolicyKind.Clock, ReplacementPolicyKind.Mru,
        ReplacementPolicyKind.Opt, ReplacementPolicyKind.Lfu, ReplacementPolicyKind.Arc, ReplacementPolicyKind.Random)]
    public ReplacementPolicyKind Policy { get; set; }

    [Params(64, 256)]
    public int Frames { get; set; }

    [GlobalSetup]
    public void Setup() => _trace = TraceGenerator.Uniform(References, 2 * Frames, seed: 11);

    [Benchmark(Baseline = true, OperationsPerInvoke = References)]
    public long ListBased() => Misses(new TextbookPolicy(Policy, Frames, _trace, seed: 5));

    [Benchmark(OperationsPerInvoke = References)]
    public long Arbiter() => Misses(ReplacementPolicies.Create(Policy, Frames, _trace, seed: 5));

    private long Misses(IReplacementPolicy policy)
    {
        long misses = 0;
        foreach (long page in _trace)
        {
            misses += policy.Access(page).Hit ? 0 : 1;
        }

        return misses;
    }
}
