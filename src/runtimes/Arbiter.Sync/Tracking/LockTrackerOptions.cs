namespace Arbiter.Sync.Tracking;

/// <summary>Settings of a <see cref="LockTracker"/>.</summary>
public sealed record LockTrackerOptions
{
    /// <summary>Validate lock order (lockdep): report an inversion the first time its order is seen. Default true.</summary>
    public bool ValidateOrder { get; init; } = true;

    /// <summary>What to do on an inversion. Default <see cref="InversionPolicy.Report"/>.</summary>
    public InversionPolicy OnInversion { get; init; } = InversionPolicy.Report;

    /// <summary>Called once per new inversion, on the thread that closed the cycle, outside the tracker's locks.</summary>
    public Action<LockOrderReport>? InversionReported { get; init; }

    /// <summary>Capture the stack where each lock-order edge was first taken (costly, but only once per edge). Default true.</summary>
    public bool CaptureStacks { get; init; } = true;

    /// <summary>How often the watchdog scans the wait-for graph; null (the default) runs no watchdog.</summary>
    public TimeSpan? WatchdogInterval { get; init; }

    /// <summary>What the watchdog does with a deadlock. Default <see cref="DeadlockPolicy.Report"/>.</summary>
    public DeadlockPolicy OnDeadlock { get; init; } = DeadlockPolicy.Report;

    /// <summary>Called once per deadlock found, on the watchdog's thread.</summary>
    public Action<DeadlockReport>? DeadlockDetected { get; init; }
}
