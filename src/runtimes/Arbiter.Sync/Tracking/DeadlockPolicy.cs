namespace Arbiter.Sync.Tracking;

/// <summary>What the watchdog does when it finds threads deadlocked on tracked locks.</summary>
public enum DeadlockPolicy
{
    /// <summary>Record the report (and call the callback); the threads stay deadlocked.</summary>
    Report,

    /// <summary>
    /// Record the report, then cancel the wait of one victim thread (the one that began waiting last), whose
    /// acquire throws <see cref="DeadlockVictimException"/>; it is expected to release what it holds and retry.
    /// </summary>
    ThrowInVictim,
}
