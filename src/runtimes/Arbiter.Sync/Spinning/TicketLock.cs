using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// The ticket lock: take a ticket with an atomic fetch-and-increment, wait until it is being served.
/// </summary>
/// <remarks>
/// <para>
/// Source: J. M. Mellor-Crummey, M. L. Scott, "Algorithms for scalable synchronization on shared-memory
/// multiprocessors", ACM TOCS 9(1), 1991 (§2.2); the hardware version of Lamport's bakery.
/// </para>
/// <para>
/// Summary: <c>my = fetch_and_increment(next); while (serving != my) spin;</c> and exit does
/// <c>serving++</c>. Strictly FIFO (threads enter in ticket order), hence bounded waiting: at most n − 1 entries
/// overtake a waiter. The price of fairness shows when threads outnumber cores: the lock is handed to the next
/// ticket even if that thread is not running, and everyone behind it waits until the scheduler runs it
/// (convoying) — no barging can fill the gap, as it can with TAS.
/// </para>
/// <para>
/// Cost: two words; one atomic increment per entry; waiters spin reading <c>serving</c> (one shared line, so each
/// release invalidates every waiter's copy: O(waiters) traffic per hand-off).
/// </para>
/// <para>
/// Memory model: <see cref="Interlocked.Increment(ref int)"/> is a full fence and the wait loop's volatile reads
/// are acquires, so the critical section stays below the entry; exit's volatile write is a release. Only the holder
/// writes <c>serving</c>, so exit needs no atomic operation. Counters wrap around (unchecked), which is harmless
/// because tickets are only compared for equality (fewer than 2^32 threads wait at once).
/// </para>
/// </remarks>
public sealed class TicketLock : ICriticalSectionLock
{
    private int _next;
    private int _serving;

    /// <inheritdoc />
    public int MaxThreads => int.MaxValue;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread)
    {
        int ticket = Interlocked.Increment(ref _next) - 1;
        var waiter = new SpinWaiter();
        while (Volatile.Read(ref _serving) != ticket)
        {
            waiter.SpinOnce();
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The lock is not held (every ticket drawn has been served).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Exit(int thread)
    {
        int serving = Volatile.Read(ref _serving);
        if (Volatile.Read(ref _next) == serving)
        {
            throw new InvalidOperationException($"exit from a {nameof(TicketLock)} that nobody holds");
        }

        Volatile.Write(ref _serving, unchecked(serving + 1));
    }

    /// <summary>How many tickets have been drawn so far: a waiter has its place in line once this counts it.</summary>
    internal int TicketsDrawn => Volatile.Read(ref _next);
}
