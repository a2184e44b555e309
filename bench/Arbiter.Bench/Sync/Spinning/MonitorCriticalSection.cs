using Arbiter.Sync.Spinning;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>The baseline: what <c>lock (gate) { … }</c> compiles to (Monitor.Enter/Exit on an object).</summary>
internal sealed class MonitorCriticalSection : ICriticalSectionLock
{
    private readonly object _gate = new();

    public int MaxThreads => int.MaxValue;

    public void Enter(int thread) => Monitor.Enter(_gate);

    public void Exit(int thread) => Monitor.Exit(_gate);
}
