// Source: E. W. Dijkstra, "Cooperating Sequential Processes" (EWD 123, 1965), §3 (P and V); the blocking
// implementation follows the futex semaphore of U. Drepper, "Futexes Are Tricky" (2011): a count on the fast path,
// a queue only for threads that find it at zero.
//
// Summary: one 64-bit state word holds the free units (low 32 bits) and the number of queued waiters (high 32).
// Wait (P) is one CAS that takes a unit; Release (V) one CAS that adds units while nobody waits. With waiters,
// Release takes the gate and either wakes them to compete for the units (barging) or hands each unit straight to
// the oldest waiter (FIFO hand-off).
//
// Cost: uncontended Wait/Release = one CAS each, no allocation; contended: as MutexLock.
using System.Runtime.CompilerServices;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// Dijkstra's counting semaphore: <see cref="Wait()"/> (P, down) takes a unit or blocks while there is none;
/// <see cref="Release"/> (V, up) returns units and wakes waiters. Units are not owned: any thread may release.
/// </summary>
/// <remarks>
/// <para><b>Guarantees.</b> Safety: never more than <see cref="MaxCount"/> free units, never a unit handed out
/// twice. Progress: a free unit is taken by some waiter (no waiter sleeps while units are free). Bounded waiting:
/// only with <see cref="LockOptions.FifoHandoff"/> — units go to waiters in arrival order and no later arrival
/// takes one ahead of them. By default a running thread may take a unit ahead of woken waiters (as
/// <see cref="SemaphoreSlim"/>): more throughput, no bound.</para>
/// <para>An acquisition that races a timeout or a cancellation may win it: the call then reports success.</para>
/// </remarks>
public class CountingSemaphore : IWaitPolicy
{
    private const long CountMask = 0xFFFF_FFFF;
    private const long OneWaiter = 1L << 32;

    private readonly Lock _gate = new();
    private readonly WaitQueue _queue = new();
    private readonly TrackedLock? _tracked;
    private readonly bool _fifo;
    private long _state; // free units | queued waiters << 32

    /// <summary>Creates a semaphore with <paramref name="initial"/> free units and at most <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative <paramref name="initial"/>, <paramref name="max"/> below 1, or initial above max.</exception>
    public CountingSemaphore(int initial, int max = int.MaxValue, LockOptions? options = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initial);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initial, max);
        MaxCount = max;
        _state = initial;
        _fifo = options?.FifoHandoff ?? false;
        _tracked = TrackedLock.Create(options, LockKind.Semaphore, initial, file, line);
        Name = _tracked?.Name ?? options?.Name ?? $"{Path.GetFileName(file)}:{line}";
    }

    /// <summary>The semaphore's name for reports: its class name or creation site.</summary>
    public string Name { get; }

    /// <summary>The most free units it may hold.</summary>
    public int MaxCount { get; }

    /// <summary>Free units now (a snapshot).</summary>
    public int CurrentCount => (int)(Volatile.Read(ref _state) & CountMask);

    /// <summary>True when release hands units to the oldest waiters (<see cref="LockOptions.FifoHandoff"/>).</summary>
    public bool FifoHandoff => _fifo;

    /// <summary>Threads and async calls queued now (a snapshot; spinning threads are not counted).</summary>
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

    /// <summary>P: takes a unit, waiting while there is none.</summary>
    public void Wait() => WaitCore(Deadline.Infinite, CancellationToken.None);

    /// <summary>P with cancellation.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before a unit was taken.</exception>
    public void Wait(CancellationToken cancellationToken) => WaitCore(Deadline.Infinite, cancellationToken);

    /// <summary>Takes a unit if one is free now; never waits.</summary>
    public bool TryWait() => WaitCore(Deadline.Zero, CancellationToken.None);

    /// <summary>Waits at most <paramref name="timeout"/> for a unit. False: timed out, nothing taken.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before a unit was taken.</exception>
    public bool TryWait(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitCore(Deadline.Start(timeout), cancellationToken);

    /// <summary>The seed's name for <see cref="Wait()"/> (Dijkstra's <i>proberen</i>).</summary>
    public void P() => Wait();

    /// <summary>The seed's name for <see cref="Release"/> of one unit (Dijkstra's <i>verhogen</i>).</summary>
    public void V() => Release();

    /// <summary>Takes a unit asynchronously.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        return TryTakeUnit() ? ValueTask.CompletedTask : WaitAsyncContended(cancellationToken);
    }

    /// <summary>Takes a unit asynchronously, waiting at most <paramref name="timeout"/>. False: timed out.</summary>
    public ValueTask<bool> TryWaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Deadline.Start(timeout);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        if (TryTakeUnit())
        {
            return new ValueTask<bool>(true);
        }

        return deadline.IsZero ? new ValueTask<bool>(false) : QueuedWait.BlockAsync(this, 0, false, deadline, cancellationToken);
    }

    /// <summary>V: returns <paramref name="units"/> units, waking as many waiters.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    /// <exception cref="SemaphoreFullException">The free units would exceed <see cref="MaxCount"/>; nothing is released.</exception>
    public void Release(int units = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        long s = Volatile.Read(ref _state);
        while (true)
        {
            if ((s & CountMask) + units > MaxCount)
            {
                throw Full(units);
            }

            if (s >= OneWaiter)
            {
                ReleaseContended(units);
                break;
            }

            long seen = Interlocked.CompareExchange(ref _state, s + units, s);
            if (seen == s)
            {
                break;
            }

            s = seen;
        }

        _tracked?.OnReleased(LockMode.Exclusive, units);
    }

    internal bool WaitCore(Deadline deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _tracked?.OnAcquiring(LockMode.Exclusive, blocking: !deadline.IsZero);
        if (!TryTakeUnit() && !QueuedWait.Acquire(this, _tracked, LockMode.Exclusive, false, !_fifo, deadline, cancellationToken))
        {
            return false;
        }

        _tracked?.OnAcquired(LockMode.Exclusive, 1);
        return true;
    }

    // Units are not owned, so an async waiter needs no identity (0).
    private async ValueTask WaitAsyncContended(CancellationToken cancellationToken) =>
        await QueuedWait.BlockAsync(this, 0, false, Deadline.Infinite, cancellationToken).ConfigureAwait(false);

    private bool TryTakeUnit()
    {
        long s = Volatile.Read(ref _state);
        while ((s & CountMask) != 0 && (!_fifo || s < OneWaiter))
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

    private void ReleaseContended(int units)
    {
        Waiter? first = null;
        Waiter? last = null;
        lock (_gate)
        {
            // Units only grow under the gate while waiters are queued (the fast path needs zero waiters), so this
            // check cannot be overtaken by another release; running threads can only take units meanwhile.
            if ((Volatile.Read(ref _state) & CountMask) + units > MaxCount)
            {
                throw Full(units);
            }

            int woken = 0;
            while (woken < units && _queue.Dequeue() is { } next)
            {
                next.Pending = _fifo ? Waiter.Granted : Waiter.Woken;
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
            long freed = _fifo ? units - woken : units;
            Interlocked.Add(ref _state, freed - woken * OneWaiter);
        }

        Waiter.Publish(first);
    }

    private SemaphoreFullException Full(int units) =>
        new($"Semaphore '{Name}': releasing {units} unit(s) would exceed its maximum of {MaxCount}.");

    Lock IWaitPolicy.Gate => _gate;

    bool IWaitPolicy.TryAcquireNow(bool shared) => TryTakeUnit();

    bool IWaitPolicy.TryAcquireOrEnqueue(Waiter node, bool atFront)
    {
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
