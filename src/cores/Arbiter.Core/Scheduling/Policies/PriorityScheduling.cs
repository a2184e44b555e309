namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Preemptive priority scheduling with aging. Silberschatz §5.3.4. Each job has a priority (0 most urgent; larger
/// numbers wait). A ready job's effective priority improves by one for every <c>aging</c> ticks it has waited since it
/// last became ready: effective = priority − ⌊waited / aging⌋ (aging 0: no aging), so a low-priority job cannot
/// starve. The ready job with the best effective priority runs (ties: the one that became ready first); a running job
/// keeps the effective priority it was dispatched with and is preempted as soon as a ready job's effective priority is
/// strictly better; when it leaves the CPU its credit is spent and it waits again from its base priority. The engine
/// is woken exactly when aging makes a preemption due.
/// O(n) per decision (a scan of the ready jobs), fine for teaching-sized workloads.
/// </summary>
public sealed class PriorityScheduling : SchedulingPolicy
{
    private readonly long _aging;
    private readonly List<int> _ready = [];
    private readonly List<int> _running = [];
    private long[] _readySince = [];
    private long[] _order = [];
    private long[] _runningPriority = [];
    private long _sequence;

    /// <summary>Creates the policy; <paramref name="aging"/> is the ticks of waiting that earn one priority step (0: none).</summary>
    public PriorityScheduling(long aging)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(aging);
        _aging = aging;
    }

    /// <inheritdoc/>
    public override string Name => "priority";

    /// <inheritdoc/>
    public override bool IsPreemptive => true;

    /// <inheritdoc/>
    public override void Start(SchedulingContext context)
    {
        base.Start(context);
        _readySince = new long[context.Jobs.Count];
        _order = new long[context.Jobs.Count];
        _runningPriority = new long[context.Jobs.Count];
    }

    /// <summary>The job's effective priority at <paramref name="now"/> while it waits.</summary>
    public long Effective(int job, long now) =>
        Context.Jobs[job].Priority - (_aging == 0 ? 0 : (now - _readySince[job]) / _aging);

    /// <inheritdoc/>
    public override void Enqueue(int job, long now, ReadyReason reason)
    {
        _readySince[job] = now;
        _order[job] = _sequence++;
        _ready.Add(job);
    }

    /// <inheritdoc/>
    public override int Dequeue(int cpu, long now)
    {
        int at = Best(now);
        if (at < 0)
        {
            return -1;
        }

        int job = _ready[at];
        _ready[at] = _ready[^1];
        _ready.RemoveAt(_ready.Count - 1);
        _running.Add(job);
        _runningPriority[job] = Effective(job, now);
        return job;
    }

    /// <inheritdoc/>
    public override void Ran(int job, long ran, long now, StopReason reason) => _running.Remove(job);

    /// <inheritdoc/>
    public override long Rank(int running, long now) => _runningPriority[running];

    /// <inheritdoc/>
    public override bool ShouldPreempt(int running, long now)
    {
        int at = Best(now);
        return at >= 0 && Effective(_ready[at], now) < _runningPriority[running];
    }

    /// <inheritdoc/>
    public override long NextTimer(long now)
    {
        if (_aging == 0 || _ready.Count == 0 || _running.Count == 0)
        {
            return long.MaxValue;
        }

        // The worst running priority R is what a waiting job must beat: priority − ⌊(t − since)/aging⌋ < R holds
        // from t = since + aging·(priority − R + 1) on. Waking only then keeps the run event-driven.
        long worst = long.MinValue;
        foreach (int r in _running)
        {
            worst = Math.Max(worst, _runningPriority[r]);
        }

        long next = long.MaxValue;
        foreach (int j in _ready)
        {
            long steps = Context.Jobs[j].Priority - worst + 1;
            long at = _readySince[j] + (_aging * Math.Max(1, steps));
            if (at > now)
            {
                next = Math.Min(next, at);
            }
        }

        return next;
    }

    private int Best(long now)
    {
        int best = -1;
        long bestPriority = 0, bestOrder = 0;
        for (int i = 0; i < _ready.Count; i++)
        {
            int job = _ready[i];
            long effective = Effective(job, now);
            if (best < 0 || effective < bestPriority || (effective == bestPriority && _order[job] < bestOrder))
            {
                (best, bestPriority, bestOrder) = (i, effective, _order[job]);
            }
        }

        return best;
    }
}
