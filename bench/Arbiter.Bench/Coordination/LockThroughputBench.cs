using Arbiter.Store.Coordination;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Coordination;

/// <summary>Acquire/release throughput of the coordinator with deadlock detection off (baseline) and on: 1,000 owners
/// each lock a mutex, then 1,000 owners queue behind them and are handed the mutexes on release (one op = one
/// coordinator call; 4,000 calls per invocation).</summary>
[MemoryDiagnoser]
public class LockThroughputBench
{
    private const int Owners = 1000;
    private string[] _names = null!;

    [GlobalSetup]
    public void Setup() => _names = [.. Enumerable.Range(0, Owners).Select(i => $"lock/{i}")];

    [Benchmark(Baseline = true, OperationsPerInvoke = 4 * Owners)]
    public long DetectionOff() => Run(new Coordinator(new CoordinatorOptions(DetectDeadlocks: false)));

    [Benchmark(OperationsPerInvoke = 4 * Owners)]
    public long DetectionOn() => Run(new Coordinator());

    private long Run(Coordinator c)
    {
        long rev = 0;
        for (int i = 0; i < Owners; i++)
        {
            c.Lock(_names[i], i + 1, ++rev);
        }

        // Second wave: owner Owners+i queues behind owner i (a wait-for edge each), then gets it on release.
        for (int i = 0; i < Owners; i++)
        {
            c.Lock(_names[i], Owners + i + 1, ++rev);
        }

        for (int i = 0; i < Owners; i++)
        {
            c.Release(_names[i], i + 1, ++rev);
        }

        for (int i = 0; i < Owners; i++)
        {
            c.Release(_names[i], Owners + i + 1, ++rev);
        }

        return c.Revision;
    }
}
