using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// The test-and-test-and-set spinlock: wait with plain reads until the lock looks free, only then try the atomic
/// exchange.
/// </summary>
/// <remarks>
/// <para>
/// Source: L. Rudolph, Z. Segall, "Dynamic decentralized cache schemes for MIMD parallel processors", ISCA 1984;
/// T. E. Anderson, IEEE TPDS 1(1), 1990; Herlihy, Shavit, The Art of Multiprocessor Programming, §7.3.
/// </para>
/// <para>
/// Summary: waiters spin on their cached, shared copy of the lock word, which costs no bus traffic while the lock
/// is held; when the holder releases, every waiter's copy is invalidated, they all see "free" and race with one
/// exchange each (a burst of traffic per release, O(waiters)). Same guarantees as <see cref="TestAndSetLock"/>:
/// mutual exclusion and progress, no bounded waiting, not FIFO.
/// </para>
/// <para>Cost: one word; one read per probe while held, one exchange per attempt.</para>
/// <para>
/// Memory model: the read-only probe needs no ordering (a stale "held" only delays); the acquiring
/// <see cref="Interlocked.Exchange(ref int, int)"/> is a full fence and <see cref="Exit"/> a release write, as in
/// <see cref="TestAndSetLock"/>.
/// </para>
/// </remarks>
public sealed class TestAndTestAndSetLock : ICriticalSectionLock
{
    private int _held;

    /// <inheritdoc />
    public int MaxThreads => int.MaxValue;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread)
    {
        var waiter = new SpinWaiter();
        while (true)
        {
            // Test: a read hits the local cache while the lock is held.
            while (Volatile.Read(ref _held) != 0)
            {
                waiter.SpinOnce();
            }

            // Test-and-set: the lock looked free; another waiter may still win this race.
            if (Interlocked.Exchange(ref _held, 1) == 0)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Exit(int thread)
    {
        if (Volatile.Read(ref _held) == 0)
        {
            throw new InvalidOperationException($"exit from a {nameof(TestAndTestAndSetLock)} that nobody holds");
        }

        Volatile.Write(ref _held, 0);
    }
}
