using System.Diagnostics;

namespace Arbiter.Sync.Tracking;

/// <summary>One registered blocking wait (see <see cref="WaitScope"/>) of a thread or of an async flow.</summary>
internal sealed class WaitRecord : IDisposable
{
    private readonly CancellationTokenSource? _victimSource;
    private DeadlockReport? _victimOf;

    public WaitRecord(long id, ThreadLockState? thread, string waiterName, IReadOnlyList<AsyncHold> asyncHolds,
        TrackedLock trackedLock, LockMode mode, int units, DateTimeOffset since, StackTrace? stack, bool cancellable,
        CancellationToken userToken)
    {
        Id = id;
        Thread = thread;
        WaiterName = waiterName;
        AsyncHolds = asyncHolds;
        Lock = trackedLock;
        Mode = mode;
        Units = units;
        Since = since;
        Stack = stack;
        if (cancellable)
        {
            // The watchdog cancels this source to break a deadlock; linking keeps the caller's own cancellation.
            _victimSource = userToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(userToken)
                : new CancellationTokenSource();
        }

        Token = _victimSource?.Token ?? userToken;
    }

    /// <summary>Increasing id: a later wait has a larger id.</summary>
    public long Id { get; }

    /// <summary>The waiting thread; null when the waiter is an async flow.</summary>
    public ThreadLockState? Thread { get; }

    /// <summary>"thread N" (or the thread's name), or "async flow #n".</summary>
    public string WaiterName { get; }

    /// <summary>
    /// The async holds of the waiter's flow when the wait began (those still live count as the waiter's, unless
    /// another waiter of the same chain claims them: see <see cref="LockTracker"/>'s snapshot).
    /// </summary>
    public IReadOnlyList<AsyncHold> AsyncHolds { get; }

    public TrackedLock Lock { get; }

    public LockMode Mode { get; }

    public int Units { get; }

    public DateTimeOffset Since { get; }

    public StackTrace? Stack { get; }

    public CancellationToken Token { get; }

    /// <summary>The deadlock this wait was cancelled to break, if it was.</summary>
    public DeadlockReport? VictimOf => Volatile.Read(ref _victimOf);

    /// <summary>Whether the watchdog can cancel this wait.</summary>
    public bool CanBeVictim => _victimSource is not null;

    /// <summary>Marks this wait as the victim of <paramref name="report"/> and cancels it.</summary>
    public void CancelAsVictim(DeadlockReport report)
    {
        Volatile.Write(ref _victimOf, report);
        try
        {
            _victimSource?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended (acquired or gave up) between the scan and now: nothing left to cancel.
        }
    }

    public void Dispose() => _victimSource?.Dispose();
}
