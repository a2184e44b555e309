namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Round robin. OSTEP ch. 7 §7.7; Silberschatz §5.3.3. One FIFO ready queue: the head runs for
/// min(quantum, remaining) ticks (less if it blocks for I/O); a job with work left after its quantum goes to the
/// tail, behind any job that arrived at that same instant; a job with exactly a quantum left finishes within it.
/// Each dispatch gets a full quantum. O(1) per decision.
/// </summary>
public sealed class RoundRobin : SchedulingPolicy
{
    private readonly JobRing _ready = new();
    private readonly long _quantum;

    /// <summary>Creates the policy with a time quantum of <paramref name="quantum"/> ticks (≥ 1).</summary>
    public RoundRobin(long quantum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantum, 1);
        _quantum = quantum;
    }

    /// <inheritdoc/>
    public override string Name => "rr";

    /// <inheritdoc/>
    public override void Enqueue(int job, long now, ReadyReason reason) => _ready.AddLast(job);

    /// <inheritdoc/>
    public override int Dequeue(int cpu, long now) => _ready.RemoveFirst();

    /// <inheritdoc/>
    public override long Slice(int job, long now) => _quantum;
}
