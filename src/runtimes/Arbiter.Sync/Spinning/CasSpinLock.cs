using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// A compare-and-swap spinlock with bounded, randomised exponential backoff.
/// </summary>
/// <remarks>
/// <para>
/// Source: T. E. Anderson, "The performance of spin lock alternatives for shared-memory multiprocessors", IEEE TPDS
/// 1(1), 1990 (exponential backoff); Herlihy, Shavit, The Art of Multiprocessor Programming, §7.4 (BackoffLock);
/// Silberschatz, Galvin, Gagne, §6.4 (compare_and_swap).
/// </para>
/// <para>
/// Summary: test (read) the word, and when it looks free try <c>compare_and_swap(held, 0, 1)</c>. A failed attempt
/// means the lock is contended, so the thread backs off for a random number of pauses in [1, limit], doubling limit
/// from <see cref="MinBackoff"/> up to the cap, which spreads the retries of competing threads apart and leaves the
/// holder's cache line alone. Mutual exclusion and progress; no bounded waiting, not FIFO (a backed-off thread can
/// be overtaken repeatedly).
/// </para>
/// <para>
/// Backoff policy (bounded): the delay never exceeds the cap (default <see cref="DefaultMaxBackoff"/> pauses,
/// tens of microseconds at most); once a thread has reached the cap it also calls <see cref="Thread.Yield"/> on
/// every further failure, because a wait that long suggests the holder is not running (more threads than cores).
/// Random delays use <see cref="Random.Shared"/> (thread-local state, no contention).
/// </para>
/// <para>Cost: one word; one CAS per attempt, reads while the lock is held.</para>
/// <para>
/// Memory model: a successful <see cref="Interlocked.CompareExchange(ref int, int, int)"/> is a full fence
/// (acquire); <see cref="Exit"/> is a volatile (release) write, as in <see cref="TestAndSetLock"/>.
/// </para>
/// </remarks>
public sealed class CasSpinLock : ICriticalSectionLock
{
    /// <summary>The first backoff limit, in pauses.</summary>
    public const int MinBackoff = 4;

    /// <summary>The default cap on the backoff limit, in pauses.</summary>
    public const int DefaultMaxBackoff = 1024;

    private readonly int _maxBackoff;
    private int _held;

    /// <summary>Creates an unheld lock whose backoff limit doubles up to <paramref name="maxBackoff"/> pauses.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBackoff"/> is below <see cref="MinBackoff"/>.</exception>
    public CasSpinLock(int maxBackoff = DefaultMaxBackoff)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, MinBackoff);
        _maxBackoff = maxBackoff;
    }

    /// <inheritdoc />
    public int MaxThreads => int.MaxValue;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enter(int thread)
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) == 0)
        {
            return; // uncontended: one CAS
        }

        int limit = MinBackoff;
        while (true)
        {
            if (Volatile.Read(ref _held) == 0 && Interlocked.CompareExchange(ref _held, 1, 0) == 0)
            {
                return;
            }

            Thread.SpinWait(Random.Shared.Next(1, limit + 1));
            if (limit < _maxBackoff)
            {
                limit = Math.Min(limit * 2, _maxBackoff);
            }
            else
            {
                Thread.Yield(); // at the cap: let a preempted holder run
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
            throw new InvalidOperationException($"exit from a {nameof(CasSpinLock)} that nobody holds");
        }

        Volatile.Write(ref _held, 0);
    }
}
