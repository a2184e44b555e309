using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// The test-and-set spinlock: atomically write "held" and look at what was there before; retry until it was "free".
/// </summary>
/// <remarks>
/// <para>
/// Source: Silberschatz, Galvin, Gagne, Operating System Concepts, §6.4 (test_and_set); T. E. Anderson, "The
/// performance of spin lock alternatives for shared-memory multiprocessors", IEEE TPDS 1(1), 1990.
/// </para>
/// <para>
/// Summary: <c>while (test_and_set(&amp;held)) spin;</c> — the hardware approach of the seed. Mutual exclusion
/// and progress, but no bounded waiting: whoever's exchange lands first after a release wins, so a thread can be
/// overtaken forever (not FIFO).
/// </para>
/// <para>
/// Cost: one word. Every probe is an atomic read-modify-write (<c>xchg</c>), which takes the cache line in exclusive
/// state even when the lock is held, so waiters keep stealing the line from each other and from the holder: traffic
/// grows with the number of waiters (what <see cref="TestAndTestAndSetLock"/> fixes).
/// </para>
/// <para>
/// Memory model: <see cref="Interlocked.Exchange(ref int, int)"/> is a full fence, so nothing in the critical
/// section moves above a successful acquire; <see cref="Exit"/> is a volatile (release) write, so nothing moves
/// below it. No store → load fence is needed on exit: a late-visible release only delays the next owner.
/// </para>
/// </remarks>
public sealed class TestAndSetLock : ICriticalSectionLock
{
    private int _held;

    /// <inheritdoc />
    public int MaxThreads => int.MaxValue;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread)
    {
        var waiter = new SpinWaiter();
        while (Interlocked.Exchange(ref _held, 1) != 0)
        {
            waiter.SpinOnce();
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Exit(int thread)
    {
        if (Volatile.Read(ref _held) == 0)
        {
            throw new InvalidOperationException($"exit from a {nameof(TestAndSetLock)} that nobody holds");
        }

        Volatile.Write(ref _held, 0);
    }
}
