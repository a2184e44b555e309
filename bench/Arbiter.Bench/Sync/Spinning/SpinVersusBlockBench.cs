using System.Diagnostics.CodeAnalysis;
using Arbiter.Sync.Labs;
using Arbiter.Sync.Spinning;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>
/// N threads × 100,000 increments of one shared counter under each lock; baseline <c>lock(obj)</c>, second blocking
/// reference <see cref="System.Threading.SemaphoreSlim"/>. N = 2 is one thread per core on this machine; N = 8
/// oversubscribes it (more threads than cores), where a spinner may wait for a holder that is not running. One
/// operation is one race-lab run (<see cref="RaceBenchmark"/>).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the semaphore in [GlobalCleanup].")]
public class SpinVersusBlockBench
{
    private readonly MonitorCriticalSection _monitor = new();
    private readonly SemaphoreSlimCriticalSection _semaphore = new();
    private ICriticalSectionLock _mutex = null!;

    [Params(2, 8)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _mutex = RaceLocks.Create("mutex", Threads);

    [GlobalCleanup]
    public void Cleanup() => _semaphore.Dispose();

    [Benchmark(Baseline = true)]
    public long LockStatement() => Run(_monitor);

    [Benchmark]
    public long SemaphoreSlim() => Run(_semaphore);

    [Benchmark]
    public long Mutex() => Run(_mutex);

    [Benchmark]
    public long TestAndSet() => Run(new TestAndSetLock());

    [Benchmark]
    public long TestAndTestAndSet() => Run(new TestAndTestAndSetLock());

    [Benchmark]
    public long Ticket() => Run(new TicketLock());

    [Benchmark]
    public long CasBackoff() => Run(new CasSpinLock());

    [Benchmark]
    public long Bakery() => Run(new BakeryLock(Threads));

    private long Run(ICriticalSectionLock criticalSection) => RaceBenchmark.Run(criticalSection, Threads);
}
