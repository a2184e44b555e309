namespace Arbiter.Core.Scheduling.Policies;

/// <summary>Why a job left its CPU.</summary>
public enum StopReason
{
    /// <summary>Its CPU work is done.</summary>
    Finished,

    /// <summary>It issued an I/O and is blocked until the I/O completes.</summary>
    Blocked,

    /// <summary>It used the whole slice the policy gave it.</summary>
    SliceExpired,

    /// <summary>It was taken off before its slice ended.</summary>
    Preempted,
}
