namespace Arbiter.Sync.Tracking;

/// <summary>
/// One blocking wait of a tracked thread or async flow, registered with the watchdog so that the wait-for graph knows who waits
/// for what. A primitive passes <see cref="Token"/> to its wait instead of the caller's token: the watchdog
/// cancels it when it picks this thread as a deadlock victim.
/// </summary>
/// <example>
/// <code>
/// var wait = WaitScope.Begin(_tracked, LockMode.Exclusive, 1, cancellationToken);
/// bool acquired;
/// try { acquired = Block(timeout, wait.Token); }
/// catch (OperationCanceledException) { wait.End(acquired: false); throw; } // End throws DeadlockVictimException for a victim
/// wait.End(acquired);
/// </code>
/// </example>
internal readonly struct WaitScope
{
    private readonly WaitRecord? _record;

    private WaitScope(WaitRecord? record, CancellationToken token)
    {
        _record = record;
        Token = token;
    }

    /// <summary>The token to wait on: the caller's, linked with the watchdog's when a watchdog may pick victims.</summary>
    public CancellationToken Token { get; }

    /// <summary>Registers the calling thread as waiting for <paramref name="units"/> of the lock.</summary>
    public static WaitScope Begin(TrackedLock? trackedLock, LockMode mode, int units, CancellationToken cancellationToken)
    {
        if (trackedLock is null)
        {
            return new WaitScope(null, cancellationToken);
        }

        var record = trackedLock.Tracker.BeginWait(trackedLock, mode, units, cancellationToken);
        return new WaitScope(record, record?.Token ?? cancellationToken);
    }

    /// <summary>Registers the calling async flow as waiting for <paramref name="hold"/> (pending until granted).</summary>
    public static WaitScope BeginAsync(AsyncHold hold, CancellationToken cancellationToken)
    {
        var record = hold.Lock.Tracker.BeginAsyncWait(hold, cancellationToken);
        return new WaitScope(record, record?.Token ?? cancellationToken);
    }

    /// <summary>
    /// Ends the wait. Throws <see cref="DeadlockVictimException"/> when the watchdog cancelled this wait to break a
    /// deadlock (call it from the <c>catch (OperationCanceledException)</c> of the wait, then rethrow).
    /// </summary>
    public void End(bool acquired)
    {
        if (_record is not null)
        {
            LockTracker.EndWait(_record, acquired);
        }
    }
}
