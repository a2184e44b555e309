namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Stride scheduling (Waldspurger 1995; OSTEP ch. 9 §9.6). Each job's stride is <see cref="StrideConstant"/> /
/// tickets (integer division); the ready job with the lowest pass value runs for one quantum (ties: the job given
/// first), and its pass grows by stride × ticks run. A job arriving, or returning from I/O, starts at the larger of
/// its own pass and the pass of the job most recently picked, so that it can neither monopolise the CPU nor lose its
/// place. Deterministic proportional share. O(log n) per decision (a binary heap).
/// </summary>
public sealed class Stride : SchedulingPolicy
{
    /// <summary>The large number divided by the tickets (OSTEP uses 10,000: 100 tickets → stride 100).</summary>
    public const long StrideConstant = 10_000;

    private readonly long _quantum;
    private readonly PriorityQueue<int, (long Pass, int Job)> _ready = new();
    private long[] _pass = [];
    private long _floor;

    /// <summary>Creates the policy with a quantum of <paramref name="quantum"/> ticks.</summary>
    public Stride(long quantum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantum, 1);
        _quantum = quantum;
    }

    /// <inheritdoc/>
    public override string Name => "stride";

    /// <inheritdoc/>
    public override void Start(SchedulingContext context)
    {
        base.Start(context);
        _pass = new long[context.Jobs.Count];
    }

    /// <summary>The job's stride.</summary>
    public long StrideOf(int job) => StrideConstant / Context.Jobs[job].Tickets;

    /// <summary>The job's pass value (in stride × ticks).</summary>
    public long Pass(int job) => _pass[job];

    /// <inheritdoc/>
    public override void Enqueue(int job, long now, ReadyReason reason)
    {
        if (reason is ReadyReason.Arrived or ReadyReason.IoDone)
        {
            _pass[job] = Math.Max(_pass[job], _floor);
        }

        _ready.Enqueue(job, (_pass[job], job));
    }

    /// <inheritdoc/>
    public override int Dequeue(int cpu, long now)
    {
        if (!_ready.TryDequeue(out int job, out _))
        {
            return -1;
        }

        _floor = Math.Max(_floor, _pass[job]);
        return job;
    }

    /// <inheritdoc/>
    public override long Slice(int job, long now) => _quantum;

    /// <inheritdoc/>
    public override void Ran(int job, long ran, long now, StopReason reason) => _pass[job] += StrideOf(job) * ran;
}
