namespace Arbiter.Core.Scheduling.Policies;

/// <summary>Why a job is (again) ready to run; policies place it in their queues accordingly.</summary>
public enum ReadyReason
{
    /// <summary>The job has just arrived.</summary>
    Arrived,

    /// <summary>The job's I/O has completed.</summary>
    IoDone,

    /// <summary>The job used the whole slice the policy gave it and still has work left.</summary>
    SliceExpired,

    /// <summary>The job was taken off its CPU before its slice ended (a more urgent job, or an MLFQ priority boost).</summary>
    Preempted,
}
