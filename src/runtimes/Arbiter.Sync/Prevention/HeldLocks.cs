using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Prevention;

/// <summary>A set of mutexes held together; disposing releases them in reverse order of acquisition.</summary>
public sealed class HeldLocks : IDisposable
{
    private readonly List<MutexLock> _taken;
    private bool _released;

    internal HeldLocks(List<MutexLock> taken, int attempts = 1)
    {
        _taken = taken;
        Attempts = attempts;
    }

    /// <summary>The locks, in the order they were taken.</summary>
    public IReadOnlyList<MutexLock> Locks => _taken;

    /// <summary>How many all-or-nothing attempts it took (1 for EnterAll).</summary>
    public int Attempts { get; }

    /// <summary>Releases every lock, last taken first. Must run on the thread that took them.</summary>
    public void Dispose()
    {
        if (!_released)
        {
            _released = true;
            OrderedLocking.Release(_taken);
        }
    }
}
