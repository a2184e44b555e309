namespace Arbiter.Sync.Tracking;

/// <summary>What the validator does when an acquisition closes a cycle in the lock-order graph.</summary>
public enum InversionPolicy
{
    /// <summary>Record the report (and call the callback); the acquisition goes ahead.</summary>
    Report,

    /// <summary>Record the report, then throw <see cref="LockOrderViolationException"/> before the thread waits.</summary>
    Throw,
}
