using System.Runtime.CompilerServices;
using Arbiter.Sync.Spinning;

namespace Arbiter.Sync.Labs;

/// <summary>
/// The race lab's <c>mutex</c>: a blocking lock behind the teaching locks' interface, so the lab compares spinning
/// with blocking through the same loop.
/// </summary>
/// <remarks>
/// TODO(lead): switch to MutexLock at merge — this wraps <see cref="Lock"/> only until Arbiter's own
/// <c>Arbiter.Sync.Primitives.MutexLock</c> (<c>new MutexLock()</c>, <c>Enter()</c>, <c>Exit()</c>) lands on this
/// branch; "no toy twins" requires the lab to run the production mutex.
/// </remarks>
internal sealed class RaceMutexAdapter : ICriticalSectionLock
{
    private readonly Lock _mutex = new();

    public int MaxThreads => int.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread) => _mutex.Enter();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Exit(int thread) => _mutex.Exit();
}
