using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// Lamport's bakery algorithm: first-come-first-served mutual exclusion for n threads from reads and writes.
/// </summary>
/// <remarks>
/// <para>
/// Source: L. Lamport, "A new solution of Dijkstra's concurrent programming problem", Communications of the ACM
/// 17(8), 1974; Silberschatz, Galvin, Gagne, Operating System Concepts (the bakery algorithm for n processes).
/// </para>
/// <para>
/// Summary: like customers taking a ticket at a bakery, a thread entering (the doorway) announces that it is
/// choosing, takes a number one larger than every number it sees, and stops choosing. It then waits, for every other
/// thread j, until j is not choosing and j either has no number or a larger pair (number, index). Two threads may
/// draw the same number; the index breaks the tie. FIFO: a thread that finished its doorway before another started
/// its own enters first. Bounded waiting: at most n − 1 entries overtake a waiting thread.
/// </para>
/// <para>
/// Cost: 2n words; every entry reads all 2n words twice (O(n) time even uncontended), every wait spins on other
/// threads' words. Numbers only grow while the lock is never free; they are 64-bit, so they cannot overflow in
/// practice (the original needs unbounded integers).
/// </para>
/// <para>
/// Memory model — Lamport proved it correct even with non-atomic registers, but assuming sequential consistency.
/// Two store → load orders need full fences (<see cref="Interlocked.MemoryBarrier"/>), because a volatile store
/// followed by a volatile load may be reordered (release then acquire do not order each other):
/// </para>
/// <list type="number">
/// <item>After choosing[i] = 1 and before reading the numbers: otherwise thread i may read number[j] = 0 (j not yet
/// visible) while its own choosing flag is still in its store buffer; j then sees choosing[i] = 0 and number[i] = 0
/// and enters, and i, having missed j's number, can draw a number that wins the tie and enter too.</item>
/// <item>After number[i] = n and choosing[i] = 0 and before reading the others' flags and numbers: the same store
/// buffer race as in Peterson's algorithm — both threads read the other's number as 0 and both enter.</item>
/// </list>
/// <para>
/// The wait loop's reads are volatile (acquire), so the critical section stays below them; <see cref="Exit"/>
/// clears the number with a volatile (release) write, so the critical section's writes are visible first.
/// </para>
/// </remarks>
public sealed class BakeryLock : ICriticalSectionLock
{
    private readonly int[] _choosing;
    private readonly long[] _number;

    /// <summary>Creates a bakery lock for <paramref name="threads"/> threads, numbered 0 to threads − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public BakeryLock(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _choosing = new int[threads];
        _number = new long[threads];
    }

    /// <inheritdoc />
    public int MaxThreads => _number.Length;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..n − 1.</exception>
    /// <exception cref="InvalidOperationException">This index already holds a number (re-entry, or two threads share an index).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread)
    {
        int n = _number.Length;
        ThreadIndex.Check(thread, n, nameof(BakeryLock));
        if (Volatile.Read(ref _number[thread]) != 0)
        {
            throw new InvalidOperationException($"thread {thread} is already inside this {nameof(BakeryLock)}: it is not re-entrant, and each index belongs to one thread");
        }

        // The doorway.
        _choosing[thread] = 1;
        Interlocked.MemoryBarrier(); // fence 1: choosing[i] visible before the numbers are read (see remarks)
        long max = 0;
        for (int j = 0; j < n; j++)
        {
            max = Math.Max(max, Volatile.Read(ref _number[j]));
        }

        long mine = max + 1;
        _number[thread] = mine;
        _choosing[thread] = 0;
        Interlocked.MemoryBarrier(); // fence 2: number[i] and choosing[i] = 0 visible before the others are read

        // The waiting room: let every thread with a smaller (number, index) go first.
        for (int j = 0; j < n; j++)
        {
            if (j == thread)
            {
                continue;
            }

            var waiter = new SpinWaiter();
            while (Volatile.Read(ref _choosing[j]) != 0)
            {
                waiter.SpinOnce();
            }

            while (true)
            {
                long theirs = Volatile.Read(ref _number[j]);
                if (theirs == 0 || theirs > mine || (theirs == mine && j > thread))
                {
                    break;
                }

                waiter.SpinOnce();
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..n − 1.</exception>
    /// <exception cref="InvalidOperationException">This index is not inside the lock.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Exit(int thread)
    {
        ThreadIndex.Check(thread, _number.Length, nameof(BakeryLock));
        if (Volatile.Read(ref _number[thread]) == 0)
        {
            throw new InvalidOperationException($"thread {thread} exits a {nameof(BakeryLock)} it has not entered");
        }

        // Release: the critical section's writes are visible before anyone sees the number cleared.
        Volatile.Write(ref _number[thread], 0);
    }

    /// <summary>True once <paramref name="thread"/> has finished its doorway (holds a number and is not choosing): the FIFO point.</summary>
    internal bool HasTicket(int thread) => Volatile.Read(ref _choosing[thread]) == 0 && Volatile.Read(ref _number[thread]) != 0;
}
