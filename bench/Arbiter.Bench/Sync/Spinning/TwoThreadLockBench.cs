using System.Diagnostics.CodeAnalysis;
using Arbiter.Sync.Spinning;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>Peterson's algorithm exists only for two threads: 2 × K increments under it, Bakery(2) and the hardware spinlocks; baseline <c>lock(obj)</c>.</summary>
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes them in [GlobalCleanup].")]
public class TwoThreadLockBench
{
    private const int IncrementsPerThread = 100_000;

    private WorkerGang _gang = null!;
    private MonitorCriticalSection _monitor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _gang = new WorkerGang(2);
        _monitor = new MonitorCriticalSection();
    }

    [GlobalCleanup]
    public void Cleanup() => _gang.Dispose();

    [Benchmark(Baseline = true)]
    public long LockStatement() => Run(_monitor);

    [Benchmark]
    public long Peterson() => Run(new PetersonLock());

    [Benchmark]
    public long Bakery() => Run(new BakeryLock(2));

    [Benchmark]
    public long TestAndTestAndSet() => Run(new TestAndTestAndSetLock());

    private long Run(ICriticalSectionLock criticalSection) => SharedCounterWorkload.Run(_gang, criticalSection, IncrementsPerThread);
}
