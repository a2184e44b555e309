using Arbiter.Core.Distributed.Linearizability;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Linearizability;

/// <summary>
/// The checker against the brute-force definition on histories both can do: 200 histories of 6, 8 or 10 operations by
/// 4 or 8 clients over 2 keys (with 8 clients most operations overlap) (about 5 % unknown, 1 % failed outcomes; every other history has one read corrupted).
/// Reported per history (OperationsPerInvoke). Both return how many are linearizable, so the work cannot be skipped.
/// </summary>
[MemoryDiagnoser]
public class LinearizabilityRatioBench
{
    private const int Histories = 200;
    private List<List<HistoryOperation>> _histories = [];

    [Params(6, 8, 10)]
    public int Operations { get; set; }

    [Params(4, 8)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _histories = [.. Enumerable.Range(0, Histories).Select(i => HistoryWorkload.Clients(Operations, keys: 2, Clients, unknownPercent: 5, seed: i, corruptOne: i % 2 == 1))];
        int agree = _histories.Count(h => TextbookLinearizability.IsLinearizable(h) == (LinearizabilityChecker.Check(h).Verdict == LinearizabilityVerdict.Linearizable));
        if (agree != Histories)
        {
            throw new InvalidOperationException($"checker and brute force disagree on {Histories - agree} histories");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Histories)]
    public int BruteForce() => _histories.Count(TextbookLinearizability.IsLinearizable);

    [Benchmark(OperationsPerInvoke = Histories)]
    public int WingGongLowe() => _histories.Count(h => LinearizabilityChecker.Check(h).Verdict == LinearizabilityVerdict.Linearizable);
}
