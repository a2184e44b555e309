namespace Arbiter.Core.Scheduling.Policies;

/// <summary>Defaults for <see cref="ISchedulingPolicy"/>: not preemptive, no timer, no accounting.</summary>
public abstract class SchedulingPolicy : ISchedulingPolicy
{
    private SchedulingContext? _context;

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public virtual bool IsPreemptive => false;

    /// <inheritdoc/>
    public virtual bool TimerStopsRunning => false;

    /// <summary>The run's context (set by <see cref="Start"/>).</summary>
    protected SchedulingContext Context => _context ?? throw new InvalidOperationException("the policy has not been started");

    /// <inheritdoc/>
    public virtual void Start(SchedulingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_context is not null)
        {
            throw new InvalidOperationException($"a {Name} policy instance serves one run; create another");
        }

        _context = context;
    }

    /// <inheritdoc/>
    public abstract void Enqueue(int job, long now, ReadyReason reason);

    /// <inheritdoc/>
    public abstract int Dequeue(int cpu, long now);

    /// <inheritdoc/>
    public virtual long Slice(int job, long now) => long.MaxValue;

    /// <inheritdoc/>
    public virtual void Ran(int job, long ran, long now, StopReason reason) { }

    /// <inheritdoc/>
    public virtual long Rank(int running, long now) => 0;

    /// <inheritdoc/>
    public virtual bool ShouldPreempt(int running, long now) => false;

    /// <inheritdoc/>
    public virtual long NextTimer(long now) => long.MaxValue;

    /// <inheritdoc/>
    public virtual void OnTimer(long now) { }
}
