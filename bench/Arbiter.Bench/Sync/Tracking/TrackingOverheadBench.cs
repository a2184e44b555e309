using Arbiter.Sync;
using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tracking;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Sync.Tracking;

/// <summary>
/// What lock tracking costs on the uncontended path: one acquire and release of a mutex (and a nested pair) with
/// tracking off, with the lock-order validator on (steady state: the chain is cached), and with the watchdog on as
/// well (which adds the sequence-lock publication of every change). Baseline: C#'s <c>lock</c>. The machine is shared
/// with other builds: the minimum iteration (each iteration a mean of millions of calls) is the figure least moved
/// by preemption, so it is shown beside the mean and median.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class TrackingOverheadBench
{
    private readonly object _monitor = new();
    private readonly object _monitorInner = new();
    private LockTracker _validating = null!;
    private LockTracker _watching = null!;
    private MutexLock _off = null!, _offInner = null!;
    private MutexLock _validated = null!, _validatedInner = null!;
    private MutexLock _watched = null!, _watchedInner = null!;
    private CountingSemaphore _semOff = null!, _semValidated = null!;
    private readonly SemaphoreSlim _slim = new(1, 1);

    [GlobalSetup]
    public void Setup()
    {
        _validating = new LockTracker(new LockTrackerOptions { CaptureStacks = false });
        _watching = new LockTracker(new LockTrackerOptions { CaptureStacks = false, WatchdogInterval = TimeSpan.FromSeconds(1) });
        _off = new MutexLock(new LockOptions { Name = "off" });
        _offInner = new MutexLock(new LockOptions { Name = "off-inner" });
        _validated = new MutexLock(new LockOptions { Name = "outer", Tracker = _validating });
        _validatedInner = new MutexLock(new LockOptions { Name = "inner", Tracker = _validating });
        _watched = new MutexLock(new LockOptions { Name = "outer", Tracker = _watching });
        _watchedInner = new MutexLock(new LockOptions { Name = "inner", Tracker = _watching });
        _semOff = new CountingSemaphore(1, 1, new LockOptions { Name = "sem-off" });
        _semValidated = new CountingSemaphore(1, 1, new LockOptions { Name = "sem", Tracker = _validating });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _validating.Dispose();
        _watching.Dispose();
        _slim.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Lock()
    {
        lock (_monitor)
        {
        }
    }

    [Benchmark]
    public void Mutex_TrackingOff()
    {
        _off.Enter();
        _off.Exit();
    }

    [Benchmark]
    public void Mutex_Validated()
    {
        _validated.Enter();
        _validated.Exit();
    }

    [Benchmark]
    public void Mutex_ValidatedAndWatched()
    {
        _watched.Enter();
        _watched.Exit();
    }

    [Benchmark]
    public void NestedPair_Lock()
    {
        lock (_monitor)
        {
            lock (_monitorInner)
            {
            }
        }
    }

    [Benchmark]
    public void NestedPair_TrackingOff()
    {
        _off.Enter();
        _offInner.Enter();
        _offInner.Exit();
        _off.Exit();
    }

    [Benchmark]
    public void NestedPair_Validated()
    {
        _validated.Enter();
        _validatedInner.Enter();
        _validatedInner.Exit();
        _validated.Exit();
    }

    [Benchmark]
    public void SemaphoreSlim_WaitRelease()
    {
        _slim.Wait();
        _slim.Release();
    }

    [Benchmark]
    public void Semaphore_TrackingOff()
    {
        _semOff.Wait();
        _semOff.Release();
    }

    [Benchmark]
    public void Semaphore_Validated()
    {
        _semValidated.Wait();
        _semValidated.Release();
    }
}
