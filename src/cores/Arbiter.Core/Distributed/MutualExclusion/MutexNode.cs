namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>
/// The part every mutual-exclusion node shares: the workload (think, request, enter, hold, exit, repeat) driven by
/// two timers, and the observations the checker matches on. A subclass supplies only the protocol: how to ask for
/// the critical section (<see cref="Acquire"/>), what to do on leaving it (<see cref="Release"/>), and its messages;
/// it calls <see cref="Enter"/> when the protocol grants access.
/// </summary>
/// <typeparam name="TMessage">The protocol's message type.</typeparam>
/// <typeparam name="TRecord">What the protocol persists.</typeparam>
public abstract class MutexNode<TMessage, TRecord> : INode<TMessage, TRecord>
{
    private const string WantTimer = "mutex.want";
    private const string HoldTimer = "mutex.hold";
    private int served;

    /// <summary>Creates a node that makes <paramref name="workload"/>'s requests.</summary>
    protected MutexNode(MutexWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        Workload = workload;
    }

    /// <summary>This node's workload.</summary>
    public MutexWorkload Workload { get; }

    /// <summary>True between asking for the critical section and entering it.</summary>
    public bool Waiting { get; private set; }

    /// <summary>True while this node is in the critical section.</summary>
    public bool InCriticalSection { get; private set; }

    /// <summary>Entries this instance has made so far (a restarted node starts again at 0).</summary>
    public int Served => served;

    /// <inheritdoc/>
    public void Start(INodeContext<TMessage, TRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        OnStart(context);
        ScheduleNext(context);
    }

    /// <inheritdoc/>
    public abstract void Receive(INodeContext<TMessage, TRecord> context, int from, TMessage message);

    /// <inheritdoc/>
    public void Fire(INodeContext<TMessage, TRecord> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (timer == WantTimer && !Waiting && !InCriticalSection)
        {
            Waiting = true;
            context.Observe(new CriticalSectionRequested(context.Self, served + 1));
            Acquire(context);
        }
        else if (timer == HoldTimer && InCriticalSection)
        {
            InCriticalSection = false;
            context.Observe(new CriticalSectionExited(context.Self, served));
            Release(context);
            ScheduleNext(context);
        }
        else
        {
            OnFire(context, timer);
        }
    }

    /// <summary>Called at start, before the workload's first timer is set.</summary>
    protected virtual void OnStart(INodeContext<TMessage, TRecord> context)
    {
    }

    /// <summary>Asks for the critical section; the protocol later calls <see cref="Enter"/>.</summary>
    protected abstract void Acquire(INodeContext<TMessage, TRecord> context);

    /// <summary>Called right after this node left the critical section: hand it on.</summary>
    protected abstract void Release(INodeContext<TMessage, TRecord> context);

    /// <summary>A protocol timer fired.</summary>
    protected virtual void OnFire(INodeContext<TMessage, TRecord> context, string timer)
    {
    }

    /// <summary>The protocol granted access: enter the critical section and hold it for the workload's hold time.</summary>
    protected void Enter(INodeContext<TMessage, TRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        System.Diagnostics.Debug.Assert(Waiting && !InCriticalSection, "enter only when waiting");
        Waiting = false;
        InCriticalSection = true;
        served++;
        context.Observe(new CriticalSectionEntered(context.Self, served));
        context.SetTimer(HoldTimer, Workload.Hold);
    }

    /// <summary>False on a node that only serves others (the central coordinator): it makes no requests.</summary>
    protected virtual bool MakesRequests => true;

    private void ScheduleNext(INodeContext<TMessage, TRecord> context)
    {
        if (MakesRequests && served < Workload.Requests)
        {
            double factor = 0.5 + context.Random.NextDouble();
            context.SetTimer(WantTimer, TimeSpan.FromTicks((long)(Workload.Think.Ticks * factor)));
        }
    }
}
