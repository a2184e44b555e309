using Arbiter.Sync.Primitives;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Sync.Primitives;

/// <summary>
/// Uncontended enter + exit on one thread: MutexLock (tracking off) against <c>lock (obj)</c> (Monitor, the
/// baseline) and System.Threading.Lock. Target: MutexLock within 1.5× of <c>lock</c>, no allocation.
/// </summary>
[MemoryDiagnoser]
public class UncontendedMutexBench
{
    private readonly object _monitor = new();
    private readonly Lock _lock = new();
    private readonly MutexLock _mutex = new();
    private readonly MutexLock _fifo = new(new Arbiter.Sync.LockOptions { FifoHandoff = true });
    private int _counter;

    [Benchmark(Baseline = true)]
    public int Monitor()
    {
        lock (_monitor)
        {
            return ++_counter;
        }
    }

    [Benchmark]
    public int SystemThreadingLock()
    {
        lock (_lock)
        {
            return ++_counter;
        }
    }

    [Benchmark]
    public int MutexLockEnterExit()
    {
        _mutex.Enter();
        int value = ++_counter;
        _mutex.Exit();
        return value;
    }

    [Benchmark]
    public int MutexLockScope()
    {
        using (_mutex.EnterScope())
        {
            return ++_counter;
        }
    }

    [Benchmark]
    public int MutexLockFifoEnterExit()
    {
        _fifo.Enter();
        int value = ++_counter;
        _fifo.Exit();
        return value;
    }
}
