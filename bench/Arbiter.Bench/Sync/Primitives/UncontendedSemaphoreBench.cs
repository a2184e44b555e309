using Arbiter.Sync.Primitives;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Sync.Primitives;

/// <summary>
/// Uncontended wait + release on one thread: CountingSemaphore against SemaphoreSlim (the baseline).
/// Target: within 1.5×, no allocation.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class UncontendedSemaphoreBench
{
    private readonly SemaphoreSlim _slim = new(4, 4);
    private readonly CountingSemaphore _semaphore = new(4, 4);
    private int _counter;

    [Benchmark(Baseline = true)]
    public int SemaphoreSlim()
    {
        _slim.Wait();
        int value = ++_counter;
        _slim.Release();
        return value;
    }

    [Benchmark]
    public int CountingSemaphore()
    {
        _semaphore.Wait();
        int value = ++_counter;
        _semaphore.Release();
        return value;
    }

    [GlobalCleanup]
    public void Cleanup() => _slim.Dispose();
}
