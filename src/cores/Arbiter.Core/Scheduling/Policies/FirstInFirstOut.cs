namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// FIFO (first come, first served). OSTEP ch. 7 §7.3; Silberschatz §5.3.1. One ready queue in order of arrival
/// (jobs arriving together in the order given; a job back from I/O joins the tail); the head runs until it finishes
/// or blocks. Not preemptive, so short jobs wait behind long ones (the convoy effect). O(1) per decision.
/// </summary>
public sealed class FirstInFirstOut : SchedulingPolicy
{
    private readonly JobRing _ready = new();

    /// <inheritdoc/>
    public override string Name => "fifo";

    /// <inheritdoc/>
    public override void Enqueue(int job, long now, ReadyReason reason) => _ready.AddLast(job);

    /// <inheritdoc/>
    public override int Dequeue(int cpu, long now) => _ready.RemoveFirst();
}
