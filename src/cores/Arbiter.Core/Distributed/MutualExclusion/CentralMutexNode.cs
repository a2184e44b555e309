namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>
/// Centralised mutual exclusion: one coordinator (the lowest id) grants the critical section in FIFO order.
/// </summary>
/// <remarks>
/// <para>Source: A. S. Tanenbaum and M. van Steen, "Distributed Systems", 2nd ed., §6.3.2 (a centralized
/// algorithm); the seeds' week 9 table ("a single coordinator grants access requests").</para>
/// <para>A client sends Request to the coordinator and enters on Grant; on leaving it sends Release. The
/// coordinator grants to one client at a time and queues the others.</para>
/// <para>Cost: 3 messages per entry (request, grant, release), fair (FIFO), but the coordinator is a single point
/// of failure and a bottleneck. Here the coordinator makes no requests of its own, so every entry costs exactly 3.
/// The coordinator persists who holds the section, so a restarted coordinator never grants it twice. For lossy
/// networks (beyond the textbook): a waiting client resends its request after <c>retry</c>; the coordinator resends
/// a grant not released after <c>retry</c>, and a client hands back a grant it is not using — so a lost request,
/// grant or release, or a restarted coordinator's lost queue, delays but never blocks. A healthy run with waits
/// shorter than <c>retry</c> still costs exactly 3 per entry.</para>
/// </remarks>
public sealed class CentralMutexNode : MutexNode<CentralMessage, CentralRecord>
{
    private const string RetryTimer = "central.retry";
    private readonly TimeSpan retry;
    private readonly Queue<(int Node, long Id)> queue = new();
    private (int Node, long Id) holder;
    private long current;

    /// <summary>Creates a node; the coordinator (lowest id) ignores <paramref name="workload"/>. Resends after <paramref name="retry"/> (default 1 s).</summary>
    public CentralMutexNode(MutexWorkload workload, TimeSpan? retry = null)
        : base(workload)
    {
        this.retry = retry ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>True on the coordinator.</summary>
    public bool IsCoordinator { get; private set; }

    /// <inheritdoc/>
    protected override void OnStart(INodeContext<CentralMessage, CentralRecord> context)
    {
        IsCoordinator = context.Self == context.Members[0];
        if (IsCoordinator && context.Recovered.Count > 0)
        {
            var last = context.Recovered[^1];
            holder = (last.Holder, last.Id);
            if (holder.Node != 0)
            {
                context.SetTimer(RetryTimer, retry);
            }
        }
    }

    /// <inheritdoc/>
    protected override void OnFire(INodeContext<CentralMessage, CentralRecord> context, string timer)
    {
        if (timer != RetryTimer)
        {
            return;
        }

        if (IsCoordinator && holder.Node != 0)
        {
            // Not released yet: the release (or the grant) may be lost. The holder ignores a grant it is using
            // and hands back one it is not.
            context.Send(holder.Node, new CentralMessage.Grant(holder.Id));
            context.SetTimer(RetryTimer, retry);
        }
        else if (!IsCoordinator && Waiting)
        {
            context.Send(context.Members[0], new CentralMessage.Request(current));
            context.SetTimer(RetryTimer, retry);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The coordinator is not a client (see the class remarks), so every entry costs exactly 3 messages.</remarks>
    protected override bool MakesRequests => !IsCoordinator;

    /// <inheritdoc/>
    protected override void Acquire(INodeContext<CentralMessage, CentralRecord> context)
    {
        current = context.Random.NextInt64(1, long.MaxValue);
        context.Send(context.Members[0], new CentralMessage.Request(current));
        context.SetTimer(RetryTimer, retry);
    }

    /// <inheritdoc/>
    protected override void Release(INodeContext<CentralMessage, CentralRecord> context) =>
        context.Send(context.Members[0], new CentralMessage.Release(current));

    /// <inheritdoc/>
    public override void Receive(INodeContext<CentralMessage, CentralRecord> context, int from, CentralMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (message)
        {
            case CentralMessage.Request request when IsCoordinator:
                // A duplicated request must not be queued twice: it would be granted twice. A resent request from
                // the holder means the grant was lost: grant again.
                if (holder == (from, request.Id))
                {
                    context.Send(from, new CentralMessage.Grant(request.Id));
                }
                else if (!queue.Contains((from, request.Id)))
                {
                    queue.Enqueue((from, request.Id));
                    GrantNext(context);
                }

                break;

            case CentralMessage.Release release when IsCoordinator:
                // Only the holder's release frees the section; a stale duplicate of an old release must not.
                if (holder == (from, release.Id))
                {
                    holder = default;
                    context.Persist(new CentralRecord(0, 0));
                    context.CancelTimer(RetryTimer);
                    GrantNext(context);
                }

                break;

            case CentralMessage.Grant grant when !IsCoordinator:
                if (Waiting && grant.Id == current)
                {
                    context.CancelTimer(RetryTimer);
                    Enter(context);
                }
                else if (!(InCriticalSection && grant.Id == current))
                {
                    // A grant for a request this node no longer waits for (a duplicate request the coordinator
                    // granted again, or a request from before a crash): hand it back, or nobody enters again.
                    context.Send(from, new CentralMessage.Release(grant.Id));
                }

                break;
        }
    }

    private void GrantNext(INodeContext<CentralMessage, CentralRecord> context)
    {
        if (holder.Node == 0 && queue.TryDequeue(out var next))
        {
            holder = next;
            // Persisted before the grant leaves (the contract orders persist before send): a coordinator that
            // crashes after granting still knows, when it restarts, that the section is taken.
            context.Persist(new CentralRecord(next.Node, next.Id));
            context.Send(next.Node, new CentralMessage.Grant(next.Id));
            context.SetTimer(RetryTimer, retry);
        }
    }
}
