namespace Arbiter.Sync.Tracking;

/// <summary>
/// Thrown from a blocking acquire when the watchdog chose this thread as the victim that breaks a deadlock
/// (<see cref="DeadlockPolicy.ThrowInVictim"/>). The thread should release what it holds and retry.
/// </summary>
public sealed class DeadlockVictimException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public DeadlockVictimException() { }

    /// <summary>Creates the exception with a message.</summary>
    public DeadlockVictimException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DeadlockVictimException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a report.</summary>
    public DeadlockVictimException(DeadlockReport report) : base((report ?? throw new ArgumentNullException(nameof(report))).Summary) =>
        Report = report;

    /// <summary>The watchdog's report of the deadlock this thread was part of.</summary>
    public DeadlockReport? Report { get; }
}
