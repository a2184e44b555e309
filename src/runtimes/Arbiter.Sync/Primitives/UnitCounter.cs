// Source: the futex semaphore of U. Drepper, "Futexes Are Tricky" (2011): a count on the fast path, a queue only
// for threads that find it at zero. Shared by CountingSemaphore (units) and MutexLock (one unit: free or held).
//
// Summary: one 64-bit state word holds the free units (low 32 bits) and the number of queued waiters (high 32).
// Taking a unit is one CAS; returning units is one CAS while nobody waits. With waiters, a release takes the gate
// and either wakes as many waiters to compete for the units (barging) or hands each unit straight to the oldest
// waiter (FIFO hand-off: the unit never shows in the count, so no newcomer can take it first).
//
// Cost: one CAS per take and per uncontended release, no allocation; O(1) queue work per waiter under the gate.
namespace Arbiter.Sync.Primitives;

/// <summary>Free units and the threads queued for them: the state and queue behind a semaphore or a mutex.</summary>
internal sealed class UnitCounter : IWaitPolicy
{
    private const long CountMask = 0xFFFF_FFFF;
    private const long OneWaiter = 1L << 32;

    private readonly Lock _gate = new();
    private readonly WaitQueue _queue = new();
    private long _state; // free units | queued waiters << 32

    public UnitCounter(int initial, int max, bool fifo)
    {
        _state = initial;
        Max = max;
        Fifo = fifo;
    }

    public int Max { get; }

    public bool Fifo { get; }

    public int Count => (int)(Volatile.Read(ref _state) & CountMask);

    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>
    /// The mutex fast path: the only unit is free and nobody is queued → take it, in one CAS with no read before
    /// it (the common uncontended case). False says nothing; the caller goes on to <see cref="TryTake"/>.
    /// </summary>
    public bool TryTakeSole() => Interlocked.CompareExchange(ref _state, 0, 1) == 1;

    /// <summary>The mutex fast release: held and nobody queued → free, in one CAS. False: use <see cref="TryRelease"/>.</summary>
    public bool TryReleaseSole() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

    /// <summary>Takes a unit if one is free and, under FIFO hand-off, nobody is queued for it.</summary>
    public bool TryTake()
    {
        long s = Volatile.Read(ref _state);
        while ((s & CountMask) != 0 && (!Fifo || s < OneWaiter))
        {
            long seen = Interlocked.CompareExchange(ref _state, s - 1, s);
            if (seen == s)
            {
                return true;
            }

            s = seen;
        }

        return false;
    }

    /// <summary>Returns <paramref name="units"/> units; false (nothing returned) when the count would exceed <see cref="Max"/>.</summary>
    public bool TryRelease(int units)
    {
        long s = Volatile.Read(ref _state);
        while (true)
        {
            if ((s & CountMask) + units > Max)
            {
                return false;
            }

            if (s >= OneWaiter)
            {
                return ReleaseContended(units);
            }

            long seen = Interlocked.CompareExchange(ref _state, s + units, s);
            if (seen == s)
            {
                return true;
            }

            s = seen;
        }
    }

    private bool ReleaseContended(int units)
    {
        Waiter? first = null;
        Waiter? last = null;
        lock (_gate)
        {
            // Units only grow under the gate while waiters are queued (the fast path needs zero waiters), so this
            // check cannot be overtaken by another release; running threads can only take units meanwhile.
            if ((Volatile.Read(ref _state) & CountMask) + units > Max)
            {
                return false;
            }

            int woken = 0;
            while (woken < units && _queue.Dequeue() is { } next)
            {
                next.Pending = Fifo ? Waiter.Granted : Waiter.Woken;
                if (last is null)
                {
                    first = next;
                }
                else
                {
                    last.NextToWake = next;
                }

                last = next;
                woken++;
            }

            // FIFO: the woken waiters received their units directly. Barging: all units go to the count and the
            // woken waiters compete for them with running threads.
            long freed = Fifo ? units - woken : units;
            Interlocked.Add(ref _state, freed - woken * OneWaiter);
        }

        Waiter.Publish(first);
        return true;
    }

    Lock IWaitPolicy.Gate => _gate;

    bool IWaitPolicy.TryAcquireNow(bool shared) => TryTake();

    bool IWaitPolicy.TryAcquireOrEnqueue(Waiter node, bool atFront)
    {
        // Under the gate. In FIFO mode free units mean an empty queue here (releases hand units to waiters first),
        // so taking one skips nobody.
        long s = Volatile.Read(ref _state);
        while (true)
        {
            bool free = (s & CountMask) != 0;
            long seen = Interlocked.CompareExchange(ref _state, free ? s - 1 : s + OneWaiter, s);
            if (seen == s)
            {
                if (!free)
                {
                    _queue.Enqueue(node, atFront);
                }

                return free;
            }

            s = seen;
        }
    }

    Waiter? IWaitPolicy.Withdraw(Waiter node)
    {
        _queue.Remove(node);
        Interlocked.Add(ref _state, -OneWaiter);
        return null;
    }
}
