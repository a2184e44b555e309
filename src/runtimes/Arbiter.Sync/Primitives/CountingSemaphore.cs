// Source: E. W. Dijkstra, "Cooperating Sequential Processes" (EWD 123, 1965), §3 (P and V).
//
// Summary: the units and the waiters live in a UnitCounter (one state word: free units and queued waiters; a
// queue only for threads that find no unit). Wait (P) is one CAS that takes a unit; Release (V) one CAS that adds
// units while nobody waits; with waiters, release wakes them to compete (barging) or hands each unit to the
// oldest (FIFO hand-off).
//
// Cost: uncontended Wait/Release = one CAS each, no allocation; contended: O(1) queue work, one kernel wait and
// one wake-up per blocked thread.
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
public class CountingSemaphore
{
    private readonly UnitCounter _units;
    private readonly TrackedLock? _tracked;

    /// <summary>Creates a semaphore with <paramref name="initial"/> free units and at most <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative <paramref name="initial"/>, <paramref name="max"/> below 1, or initial above max.</exception>
    public CountingSemaphore(int initial, int max = int.MaxValue, LockOptions? options = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initial);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initial, max);
        _units = new UnitCounter(initial, max, options?.FifoHandoff ?? false);
        _tracked = TrackedLock.Create(options, LockKind.Semaphore, initial, file, line);
        Name = _tracked?.Name ?? options?.Name ?? $"{Path.GetFileName(file)}:{line}";
    }

    /// <summary>The semaphore's name for reports: its class name or creation site.</summary>
    public string Name { get; }

    /// <summary>The most free units it may hold.</summary>
    public int MaxCount => _units.Max;

    /// <summary>Free units now (a snapshot).</summary>
    public int CurrentCount => _units.Count;

    /// <summary>True when release hands units to the oldest waiters (<see cref="LockOptions.FifoHandoff"/>).</summary>
    public bool FifoHandoff => _units.Fifo;

    /// <summary>Threads and async calls queued now (a snapshot; spinning threads are not counted).</summary>
    public int WaitingCount => _units.WaitingCount;

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

        if (_tracked is not null)
        {
            var tracked = WaitAsyncTracked(_tracked, Deadline.Infinite, cancellationToken);
            return tracked.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(tracked.AsTask());
        }

        return _units.TryTake() ? ValueTask.CompletedTask : WaitAsyncContended(cancellationToken);
    }

    /// <summary>Takes a unit asynchronously, waiting at most <paramref name="timeout"/>. False: timed out.</summary>
    public ValueTask<bool> TryWaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Deadline.Start(timeout);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        if (_tracked is not null)
        {
            return WaitAsyncTracked(_tracked, deadline, cancellationToken);
        }

        if (_units.TryTake())
        {
            return new ValueTask<bool>(true);
        }

        return deadline.IsZero ? new ValueTask<bool>(false) : QueuedWait.BlockAsync(_units, 0, false, deadline, cancellationToken);
    }

    /// <summary>V: returns <paramref name="units"/> units, waking as many waiters.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    /// <exception cref="SemaphoreFullException">The free units would exceed <see cref="MaxCount"/>; nothing is released.</exception>
    public void Release(int units = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        if (!_units.TryRelease(units))
        {
            throw new SemaphoreFullException($"Semaphore '{Name}': releasing {units} unit(s) would exceed its maximum of {MaxCount}.");
        }

        _tracked?.OnReleased(LockMode.Exclusive, units);
    }

    internal bool WaitCore(Deadline deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _tracked?.OnAcquiring(LockMode.Exclusive, blocking: !deadline.IsZero);
        if (!_units.TryTake() && !QueuedWait.Acquire(_units, _tracked, LockMode.Exclusive, false, !_units.Fifo, deadline, cancellationToken))
        {
            return false;
        }

        _tracked?.OnAcquired(LockMode.Exclusive, 1);
        return true;
    }

    // Tracked: the flow's hold is pushed in this synchronous part (see LockTracker); the unit it stands for is
    // given back by a Release in the same flow, or else by the next release nobody else claims.
    private ValueTask<bool> WaitAsyncTracked(TrackedLock tracked, Deadline deadline, CancellationToken cancellationToken)
    {
        AsyncHold hold;
        try
        {
            hold = tracked.OnAcquiringAsync(LockMode.Exclusive, 1, blocking: !deadline.IsZero);
        }
        catch (Exception e) when (e is LockHierarchyViolationException or LockOrderViolationException)
        {
            return ValueTask.FromException<bool>(e);
        }

        if (_units.TryTake())
        {
            hold.Grant();
            return new ValueTask<bool>(true);
        }

        if (deadline.IsZero)
        {
            hold.Fail();
            return new ValueTask<bool>(false);
        }

        return Contended(hold, deadline, cancellationToken);

        async ValueTask<bool> Contended(AsyncHold hold, Deadline deadline, CancellationToken cancellationToken)
        {
            bool acquired = false;
            try
            {
                acquired = await QueuedWait.AcquireAsync(_units, hold, 0, false, deadline, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (acquired)
                {
                    hold.Grant();
                }
                else
                {
                    hold.Fail();
                }
            }

            return acquired;
        }
    }

    // Units are not owned, so an async waiter needs no identity (0).
    private async ValueTask WaitAsyncContended(CancellationToken cancellationToken) =>
        await QueuedWait.BlockAsync(_units, 0, false, Deadline.Infinite, cancellationToken).ConfigureAwait(false);
}
