namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>
/// The request/reply pattern Cristian and NTP share: node 1 serves its clock; every other node asks every period and
/// turns the reply into an offset. A subclass supplies the estimate.
/// </summary>
public abstract class ClockSyncClient : INode<ClockSyncMessage, NoRecord>, ISynchronizedClock
{
    private const string SyncTimer = "clocksync.sync";
    private const int Server = 1;
    private long sequence;
    private long outstanding = -1;

    /// <summary>Creates a node.</summary>
    protected ClockSyncClient(ClockSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The timing.</summary>
    public ClockSyncOptions Options { get; }

    /// <inheritdoc/>
    public TimeSpan Offset { get; private set; }

    /// <inheritdoc/>
    public void Start(INodeContext<ClockSyncMessage, NoRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Self != Server)
        {
            // Spread the first requests so the clients do not all ask at once.
            context.SetTimer(SyncTimer, TimeSpan.FromTicks((long)(Options.Period.Ticks * 0.1 * context.Random.NextDouble())));
        }
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<ClockSyncMessage, NoRecord> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (timer == SyncTimer)
        {
            outstanding = ++sequence; // an unanswered earlier request is abandoned
            context.Send(Server, new ClockSyncMessage.TimeRequest(outstanding, context.Now));
            context.SetTimer(SyncTimer, Options.Period);
        }
    }

    /// <inheritdoc/>
    public void Receive(INodeContext<ClockSyncMessage, NoRecord> context, int from, ClockSyncMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (message)
        {
            case ClockSyncMessage.TimeRequest request when context.Self == Server:
                // The server's clock is the reference: it answers with its own (uncorrected) time.
                TimeSpan now = context.Now;
                context.Send(from, new ClockSyncMessage.TimeReply(request.Sequence, request.T1, now, now));
                break;

            case ClockSyncMessage.TimeReply reply when reply.Sequence == outstanding:
                outstanding = -1; // a duplicate of this reply must not count twice
                if (Estimate(reply, context.Now) is { } estimate)
                {
                    Offset = estimate.Offset;
                    context.Observe(new ClockCorrected(context.Self, Offset, estimate.Bound, estimate.Delay));
                }

                break;
        }
    }

    /// <summary>
    /// The offset to add to the local clock (given the reply and the local clock <paramref name="t4"/> at its
    /// arrival), its error bound and the delay measured; null to keep the current offset.
    /// </summary>
    protected abstract (TimeSpan Offset, TimeSpan Bound, TimeSpan Delay)? Estimate(ClockSyncMessage.TimeReply reply, TimeSpan t4);
}
