using Arbiter.Sync.Spinning;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>The second blocking reference: a <see cref="SemaphoreSlim"/> with one permit used as a lock.</summary>
internal sealed class SemaphoreSlimCriticalSection : ICriticalSectionLock, IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public int MaxThreads => int.MaxValue;

    public void Enter(int thread) => _semaphore.Wait();

    public void Exit(int thread) => _semaphore.Release();

    public void Dispose() => _semaphore.Dispose();
}
