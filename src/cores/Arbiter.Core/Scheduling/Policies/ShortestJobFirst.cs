namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Shortest job first, not preemptive. OSTEP ch. 7 §7.4; Silberschatz §5.3.2. When a CPU is free, the ready job
/// with the least remaining CPU work runs until it finishes or blocks (for a job without I/O, remaining work is its
/// length). Ties go to the job given first. Optimal average turnaround when all jobs arrive together; a short job
/// arriving just after a long one has started still waits. O(log n) per decision (a binary heap).
/// </summary>
public class ShortestJobFirst : SchedulingPolicy
{
    private readonly PriorityQueue<int, (long Remaining, int Job)> _ready = new();

    /// <inheritdoc/>
    public override string Name => "sjf";

    /// <inheritdoc/>
    public override void Enqueue(int job, long now, ReadyReason reason) =>
        _ready.Enqueue(job, (Context.Progress.Remaining(job), job));

    /// <inheritdoc/>
    public override int Dequeue(int cpu, long now) => _ready.TryDequeue(out int job, out _) ? job : -1;

    /// <summary>The shortest ready job's remaining work, or <see cref="long.MaxValue"/> when none is ready.</summary>
    protected long ShortestReady => _ready.TryPeek(out _, out var key) ? key.Remaining : long.MaxValue;
}
