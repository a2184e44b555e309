namespace Arbiter.Core.Deadlock.Recovery;

/// <summary>How <see cref="DeadlockRecovery"/> breaks a deadlock (seed week 5, "Deadlock Recovery Techniques").</summary>
public enum RecoveryStrategy
{
    /// <summary>Kill all deadlocked processes: the most drastic option; breaks the cycle but can be very costly.</summary>
    TerminateAll,

    /// <summary>Kill the cheapest deadlocked process, re-run detection, repeat until no deadlock remains.</summary>
    TerminateOne,

    /// <summary>
    /// Take the cheapest victim's resources back to its checkpoint (it rolls back and must re-acquire them),
    /// re-run detection, repeat; terminate only when no deadlocked process has anything to give.
    /// </summary>
    Preempt,
}
