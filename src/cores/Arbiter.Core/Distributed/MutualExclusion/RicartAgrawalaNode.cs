namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>
/// Ricart–Agrawala distributed mutual exclusion.
/// </summary>
/// <remarks>
/// <para>Source: G. Ricart and A. K. Agrawala, "An Optimal Algorithm for Mutual Exclusion in Computer Networks",
/// CACM 24(1), 1981, §2; the timestamps are Lamport's (CACM 21(7), 1978).</para>
/// <para>A node that wants the critical section stamps a request with its Lamport clock and sends it to all N−1
/// others; it enters once all N−1 have replied. A node replies at once unless it is in the critical section or is
/// itself requesting with an earlier request; then it defers the reply until it leaves.</para>
/// <para>Cost: exactly 2(N−1) messages per entry (N−1 requests, N−1 replies), no single point of failure, but every
/// node must answer: a crashed node blocks everyone until it restarts. The paper assumes reliable channels; here a
/// requester resends its request to the nodes that have not replied after <c>retry</c> (longer than any healthy
/// wait, so a healthy run still costs exactly 2(N−1)), which also recovers the replies a restarted node forgot.</para>
/// </remarks>
public sealed class RicartAgrawalaNode : MutexNode<RicartAgrawalaMessage, ClockReservation>
{
    /// <summary>How far ahead of the clock a reservation is persisted (one write per this many ticks).</summary>
    public const long ReservationStep = 1024;

    private const string RetryTimer = "ra.retry";
    private readonly TimeSpan retry;
    private readonly HashSet<int> replied = [];
    private readonly List<(int Node, long Timestamp)> deferred = [];
    private long clock;
    private long reserved;
    private long myTimestamp;

    /// <summary>Creates a node with the given workload, resending unanswered requests every <paramref name="retry"/> (default 1 s).</summary>
    public RicartAgrawalaNode(MutexWorkload workload, TimeSpan? retry = null)
        : base(workload)
    {
        this.retry = retry ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>This node's Lamport clock.</summary>
    public long Clock => clock;

    /// <inheritdoc/>
    protected override void OnStart(INodeContext<RicartAgrawalaMessage, ClockReservation> context)
    {
        // A restarted node must not reuse a timestamp at or below one it already answered: with a fresh clock its
        // new request could outrank (1, i) a request (7, j) it said OK to before the crash, j would answer OK in
        // turn, and both would enter. The reservation (persisted before any message that depends on it leaves)
        // keeps the clock above everything seen, at one write per ReservationStep ticks.
        reserved = context.Recovered.Count > 0 ? context.Recovered[^1].Limit : 0;
        clock = reserved;
    }

    /// <inheritdoc/>
    protected override void Acquire(INodeContext<RicartAgrawalaMessage, ClockReservation> context)
    {
        Tick(context, clock + 1);
        myTimestamp = clock;
        replied.Clear();
        context.Broadcast(new RicartAgrawalaMessage.Request(myTimestamp));
        if (context.Members.Count == 1)
        {
            Enter(context);
        }
        else
        {
            context.SetTimer(RetryTimer, retry);
        }
    }

    /// <inheritdoc/>
    protected override void OnFire(INodeContext<RicartAgrawalaMessage, ClockReservation> context, string timer)
    {
        if (timer == RetryTimer && Waiting)
        {
            // The same timestamp: a resent request is the same request, deferred once and answered once.
            foreach (int member in context.Members.Where(m => m != context.Self && !replied.Contains(m)))
            {
                context.Send(member, new RicartAgrawalaMessage.Request(myTimestamp));
            }

            context.SetTimer(RetryTimer, retry);
        }
    }

    /// <inheritdoc/>
    protected override void Release(INodeContext<RicartAgrawalaMessage, ClockReservation> context)
    {
        foreach (var (node, timestamp) in deferred)
        {
            context.Send(node, new RicartAgrawalaMessage.Reply(timestamp));
        }

        deferred.Clear();
    }

    /// <inheritdoc/>
    public override void Receive(INodeContext<RicartAgrawalaMessage, ClockReservation> context, int from, RicartAgrawalaMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (message)
        {
            case RicartAgrawalaMessage.Request request:
                Tick(context, Math.Max(clock, request.Timestamp) + 1);
                // The tie-break: requests are ordered by (timestamp, id), a total order, so of two concurrent
                // requesters exactly one defers to the other. Timestamps alone can tie (two nodes both at 5), and
                // then without the id both would defer (deadlock) or both would reply (two in the section).
                bool mineFirst = Waiting && (myTimestamp, context.Self).CompareTo((request.Timestamp, from)) < 0;
                if (InCriticalSection || mineFirst)
                {
                    // A duplicated request must not be answered twice later (harmless, but counts a message).
                    if (!deferred.Contains((from, request.Timestamp)))
                    {
                        deferred.Add((from, request.Timestamp));
                    }
                }
                else
                {
                    context.Send(from, new RicartAgrawalaMessage.Reply(request.Timestamp));
                }

                break;

            case RicartAgrawalaMessage.Reply reply:
                // Only a reply to the current request counts, and each node once: a duplicated or late reply to an
                // earlier request would otherwise let this node in without everyone's consent.
                if (Waiting && reply.Timestamp == myTimestamp && replied.Add(from) && replied.Count == context.Members.Count - 1)
                {
                    context.CancelTimer(RetryTimer);
                    Enter(context);
                }

                break;
        }
    }

    private void Tick(INodeContext<RicartAgrawalaMessage, ClockReservation> context, long value)
    {
        clock = value;
        if (clock >= reserved)
        {
            reserved = clock + ReservationStep;
            context.Persist(new ClockReservation(reserved));
        }
    }
}
