using System.Diagnostics.CodeAnalysis;
using Arbiter.Sync.Labs;
using Arbiter.Sync.Spinning;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>
/// N threads × 100,000 increments of one shared counter under each lock; baseline <c>lock(obj)</c>. N = 2 is one thread
/// per core on this machine; N = 8 oversubscribes it (more threads than cores), where a spinner may be waiting for
/// a holder that is not running.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes them in [GlobalCleanup].")]
public class SpinVersusBlockBench
{
    /// <summary>
    /// Increments per thread: enough that a run spans several scheduler time slices (milliseconds), so that with 8
    /// threads holders really are preempted; with less, each pair of running threads finishes before any preemption
    /// and oversubscription would not show.
    /// </summary>
    private const int IncrementsPerThread = 100_000;

    private WorkerGang _gang = null!;
    private MonitorCriticalSection _monitor = null!;
    private SemaphoreSlimCriticalSection _semaphore = null!;
    private ICriticalSectionLock _mutex = null!;
    private BakeryLock _bakery = null!;

    [Params(2, 8)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gang = new WorkerGang(Threads);
        _monitor = new MonitorCriticalSection();
        _semaphore = new SemaphoreSlimCriticalSection();
        _mutex = RaceLocks.Create("mutex", Threads);
        _bakery = new BakeryLock(Threads);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _gang.Dispose();
        _semaphore.Dispose();
    }

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
    public long Bakery() => Run(_bakery);

    private long Run(ICriticalSectionLock criticalSection) => SharedCounterWorkload.Run(_gang, criticalSection, IncrementsPerThread);
}
