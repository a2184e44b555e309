using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Deadlock;

/// <summary>Banker's safety check at 10,000 processes × 16 types: the textbook scan (baseline) against Banker.CheckSafety (Holt reduction).</summary>
[MemoryDiagnoser]
public class SafetyBench
{
    private ResourceLedger _ledger = null!;
    private int[] _need = [];

    [Params("reverse", "shuffled", "random")]
    public string Shape { get; set; } = "random";

    [GlobalSetup]
    public void Setup()
    {
        _ledger = DeadlockStates.Build(Shape, 10_000, 16);
        _need = _ledger.NeedMatrix();
    }

    [Benchmark(Baseline = true)]
    public int Textbook() => TextbookReduction.Reduce(_ledger.Available, _ledger.AllocationMatrix, _need, _ledger.ProcessCount).Order.Count;

    [Benchmark]
    public int BankerCheckSafety() => Banker.CheckSafety(_ledger).Sequence.Count;
}
