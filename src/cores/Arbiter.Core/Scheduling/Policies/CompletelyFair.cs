namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// The completely fair scheduler (Linux CFS before EEVDF; OSTEP ch. 9 §9.7). Each job has a weight from its nice
/// value (<see cref="NiceWeights"/>) and a virtual runtime that grows by ticks run × 1024 / weight; the runnable job
/// with the least virtual runtime runs next (ties: the job given first) for a slice of period × weight / total
/// weight, where the period is the target latency, stretched to runnable × minimum granularity when more jobs are
/// runnable than target latency / minimum granularity (so no slice is shorter than the minimum granularity for equal
/// weights). A job arriving or returning from I/O starts at the larger of its own virtual runtime and the minimum
/// virtual runtime (the largest virtual runtime any job had when it was picked), so a sleeper cannot hoard credit.
/// Simplifications: no wake-up preemption (a waking job waits for the current slice to end), no sleeper credit.
/// O(log n) per decision (a binary heap standing in for the red-black tree).
/// </summary>
public sealed class CompletelyFair : SchedulingPolicy
{
    /// <summary>Virtual runtime is kept in 1/1024 of a tick so that integer division loses little.</summary>
    public const long Scale = 1024;

    private readonly CfsOptions _options;
    private readonly PriorityQueue<int, (long Vruntime, int Job)> _ready = new();
    private long[] _vruntime = [];
    private long[] _weight = [];
    private long _minVruntime;
    private long _runnable;
    private long _totalWeight;

    /// <summary>Creates the policy.</summary>
    public CompletelyFair(CfsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <inheritdoc/>
    public override string Name => "cfs";

    /// <inheritdoc/>
    public override void Start(SchedulingContext context)
    {
        base.Start(context);
        int n = context.Jobs.Count;
        _vruntime = new long[n];
        _weight = new long[n];
        for (int j = 0; j < n; j++)
        {
            _weight[j] = NiceWeights.Of(context.Jobs[j].Nice);
        }
    }

    /// <summary>The job's virtual runtime in ticks at nice 0.</summary>
    public double Vruntime(int job) => _vruntime[job] / (double)Scale;

    /// <inheritdoc/>
    public override void Enqueue(int job, long now, ReadyReason reason)
    {
        if (reason is ReadyReason.Arrived or ReadyReason.IoDone)
        {
            _vruntime[job] = Math.Max(_vruntime[job], _minVruntime);
            _runnable++;
            _totalWeight += _weight[job];
        }

        _ready.Enqueue(job, (_vruntime[job], job));
    }

    /// <inheritdoc/>
    public override int Dequeue(int cpu, long now)
    {
        if (!_ready.TryDequeue(out int job, out _))
        {
            return -1;
        }

        _minVruntime = Math.Max(_minVruntime, _vruntime[job]);
        return job;
    }

    /// <inheritdoc/>
    public override long Slice(int job, long now)
    {
        // The job being dispatched is runnable, so _runnable ≥ 1 and _totalWeight ≥ its weight.
        long period = _runnable * _options.MinGranularity > _options.TargetLatency
            ? _runnable * _options.MinGranularity
            : _options.TargetLatency;
        return Math.Max(1, period * _weight[job] / _totalWeight);
    }

    /// <inheritdoc/>
    public override void Ran(int job, long ran, long now, StopReason reason)
    {
        _vruntime[job] += ran * NiceWeights.NiceZero * Scale / _weight[job];
        if (reason is StopReason.Finished or StopReason.Blocked)
        {
            _runnable--;
            _totalWeight -= _weight[job];
        }
    }
}
