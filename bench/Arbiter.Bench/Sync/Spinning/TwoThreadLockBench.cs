using Arbiter.Sync.Spinning;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>
/// Peterson's algorithm exists only for two threads: 2 threads × 100,000 increments under it, Bakery(2) and TTAS;
/// baseline <c>lock(obj)</c>. One operation is one race-lab run (<see cref="RaceBenchmark"/>).
/// </summary>
public class TwoThreadLockBench
{
    private readonly MonitorCriticalSection _monitor = new();

    [Benchmark(Baseline = true)]
    public long LockStatement() => RaceBenchmark.Run(_monitor, 2);

    [Benchmark]
    public long Peterson() => RaceBenchmark.Run(new PetersonLock(), 2);

    [Benchmark]
    public long Bakery() => RaceBenchmark.Run(new BakeryLock(2), 2);

    [Benchmark]
    public long TestAndTestAndSet() => RaceBenchmark.Run(new TestAndTestAndSetLock(), 2);
}
