using System.Runtime.CompilerServices;
using Arbiter.Sync.Primitives;
using Arbiter.Sync.Spinning;

namespace Arbiter.Sync.Labs;

/// <summary>
/// The race lab's <c>mutex</c>: Arbiter's own <see cref="MutexLock"/> (the production primitive: a short spin, then
/// a queued kernel wait) behind the teaching locks' interface, so the lab compares spinning with blocking through
/// the same loop.
/// </summary>
internal sealed class RaceMutexAdapter : ICriticalSectionLock
{
    private readonly MutexLock _mutex = new(new LockOptions { Name = "race mutex" });

    public int MaxThreads => int.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread) => _mutex.Enter();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Exit(int thread) => _mutex.Exit();
}
