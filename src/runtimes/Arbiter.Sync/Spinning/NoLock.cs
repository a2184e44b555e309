using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// The control of the race lab: an entry and exit section that do nothing, so the critical section is not
/// protected at all and concurrent read-modify-writes lose updates. It exists so that the lab and the tests run the
/// unprotected case through exactly the same loop as the real locks.
/// </summary>
public sealed class NoLock : ICriticalSectionLock
{
    /// <inheritdoc />
    public int MaxThreads => int.MaxValue;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread)
    {
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Exit(int thread)
    {
    }
}
