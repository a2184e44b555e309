using Arbiter.Core.Deadlock.Detection;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Deadlock;

/// <summary>Multi-instance detection at 10,000 processes × 16 types: the textbook scan (baseline) against DeadlockDetector (Holt reduction).</summary>
[MemoryDiagnoser]
public class DetectionBench
{
    private ResourceLedger _ledger = null!;

    [Params("reverse", "shuffled", "random")]
    public string Shape { get; set; } = "random";

    [GlobalSetup]
    public void Setup() => _ledger = DeadlockStates.Build(Shape, 10_000, 16);

    [Benchmark(Baseline = true)]
    public int Textbook() => TextbookReduction.Reduce(_ledger.Available, _ledger.AllocationMatrix, _ledger.RequestMatrix, _ledger.ProcessCount).Order.Count;

    [Benchmark]
    public int Detector() => DeadlockDetector.Detect(_ledger).FinishOrder.Count;
}
