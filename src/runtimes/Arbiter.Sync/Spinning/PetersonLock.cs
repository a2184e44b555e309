using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// Peterson's algorithm: mutual exclusion for two threads from plain reads and writes.
/// </summary>
/// <remarks>
/// <para>
/// Source: G. L. Peterson, "Myths about the mutual exclusion problem", Information Processing Letters 12(3), 1981;
/// Silberschatz, Galvin, Gagne, Operating System Concepts, §6.3.
/// </para>
/// <para>
/// Summary: thread i raises its flag (interested[i] = 1), then politely gives the turn away (turn = j), and waits
/// while the other thread is interested and the turn is the other's. Whoever wrote turn last waits, so at most one
/// enters (mutual exclusion); a thread that is not interested never blocks the other (progress); once j has
/// entered, i enters before j can enter again (bounded waiting of 1: j's next entry sets turn = i).
/// </para>
/// <para>
/// Cost: three words; an uncontended entry is two stores, one full fence and two loads. Waiting spins on two words
/// the other thread writes (unbounded remote references while waiting). Two threads only: indices 0 and 1.
/// </para>
/// <para>
/// Memory model — the algorithm is correct only under sequential consistency, which neither the hardware (x86 has
/// store buffers; Arm reorders more) nor ECMA-335 gives. Each step needs a specific order:
/// </para>
/// <list type="number">
/// <item>Store → load (the crucial one): interested[i] = 1 and turn = j must be visible to the other thread before
/// this thread reads interested[j] and turn. Otherwise both threads can read the other's flag as 0 from memory while
/// their own stores still sit in their store buffers, and both enter. <c>Volatile.Write</c> is
/// only a release and <c>Volatile.Read</c> only an acquire: a release store followed by an acquire
/// load MAY be reordered, on x86 too. The write of turn is therefore an <see cref="Interlocked.Exchange(ref int, int)"/>,
/// a full fence (a locked instruction on x86, a store-load barrier on Arm): both stores are globally visible before
/// any later load.</item>
/// <item>Store → store: interested[i] = 1 must become visible no later than turn = j, or the other thread could see
/// the new turn with an old flag and enter while this one does too. The full fence above orders it as well.</item>
/// <item>Acquire on entry, release on exit: the loop's last reads are volatile (acquire), so the critical section's
/// accesses cannot move above them; <see cref="Exit"/> is a volatile (release) write, so they cannot move below it.</item>
/// </list>
/// </remarks>
public sealed class PetersonLock : ICriticalSectionLock
{
    // interested[i] = 1 while thread i wants to enter or is inside; turn = the thread that must yield on a tie.
    private readonly int[] _interested = new int[2];
    private int _turn;

    /// <inheritdoc />
    public int MaxThreads => 2;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The index is not 0 or 1.</exception>
    /// <exception cref="InvalidOperationException">This index is already inside or entering (re-entry, or two threads share an index).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread)
    {
        ThreadIndex.Check(thread, 2, nameof(PetersonLock));
        if (Volatile.Read(ref _interested[thread]) != 0)
        {
            throw new InvalidOperationException($"thread {thread} is already inside this {nameof(PetersonLock)}: it is not re-entrant, and each index belongs to one thread");
        }

        int other = 1 - thread;
        _interested[thread] = 1;
        // Full fence: the flag store above and this turn store are visible before the loads below (see remarks).
        Interlocked.Exchange(ref _turn, other);
        var waiter = new SpinWaiter();
        while (Volatile.Read(ref _interested[other]) != 0 && Volatile.Read(ref _turn) == other)
        {
            waiter.SpinOnce();
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The index is not 0 or 1.</exception>
    /// <exception cref="InvalidOperationException">This index is not inside the lock.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Exit(int thread)
    {
        ThreadIndex.Check(thread, 2, nameof(PetersonLock));
        if (Volatile.Read(ref _interested[thread]) == 0)
        {
            throw new InvalidOperationException($"thread {thread} exits a {nameof(PetersonLock)} it has not entered");
        }

        // Release: the critical section's writes are visible before the other thread can see the flag down.
        Volatile.Write(ref _interested[thread], 0);
    }

    /// <summary>True once <paramref name="thread"/> has finished its entry protocol's writes (flag up, turn given away): it is inside or waiting.</summary>
    internal bool HasYielded(int thread) => Volatile.Read(ref _interested[thread]) != 0 && Volatile.Read(ref _turn) == 1 - thread;
}
