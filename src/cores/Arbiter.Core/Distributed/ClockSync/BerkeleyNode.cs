namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>
/// The Berkeley algorithm: a master polls every clock, averages them (leaving out outliers) and tells each node how
/// much to adjust — agreement among the clocks, with no reference clock at all.
/// </summary>
/// <remarks>
/// <para>Source: R. Gusella and S. Zatti, "The Accuracy of the Clock Synchronization Achieved by TEMPO in Berkeley
/// UNIX 4.3BSD", IEEE Trans. Software Engineering 15(7), 1989, §II–III; the seeds' week 9 slides.</para>
/// <para>Each period the master (node 1) sends Poll; a slave answers with its clock; the master estimates each
/// slave's difference from its own clock as (slave's clock + RTT/2) − master's clock at arrival, takes the average
/// of the differences within <see cref="ClockSyncOptions.OutlierLimit"/> of the median (the fault-tolerant
/// average; its own difference is 0), and sends each slave the relative adjustment average − difference. Relative
/// adjustments are immune to the delay of the Adjust message itself.</para>
/// <para>Cost: 3(N−1) messages per round. The clocks converge on their average, not on true time: the residual
/// spread between nodes is what matters, bounded by the RTTs' halves. TEMPO slews the clocks (no sudden jumps);
/// here the offset steps, which the observer sees as a jump.</para>
/// </remarks>
public sealed class BerkeleyNode : INode<ClockSyncMessage, NoRecord>, ISynchronizedClock
{
    private const string PollTimer = "berkeley.poll";
    private const string CollectTimer = "berkeley.collect";
    private const int Master = 1;
    private readonly ClockSyncOptions options;
    private readonly Dictionary<int, TimeSpan> differences = [];
    private TimeSpan polledAt;
    private long round;
    private long adjusted;

    /// <summary>Creates a node.</summary>
    public BerkeleyNode(ClockSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <inheritdoc/>
    public TimeSpan Offset { get; private set; }

    /// <inheritdoc/>
    public void Start(INodeContext<ClockSyncMessage, NoRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Self == Master)
        {
            context.SetTimer(PollTimer, options.Period / 10);
        }
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<ClockSyncMessage, NoRecord> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (timer == PollTimer)
        {
            round++;
            differences.Clear();
            differences[Master] = TimeSpan.Zero;
            polledAt = context.Now;
            context.Broadcast(new ClockSyncMessage.Poll(round));
            context.SetTimer(CollectTimer, options.Period / 4); // answers later than this are ignored
            context.SetTimer(PollTimer, options.Period);
        }
        else if (timer == CollectTimer)
        {
            Average(context);
        }
    }

    /// <inheritdoc/>
    public void Receive(INodeContext<ClockSyncMessage, NoRecord> context, int from, ClockSyncMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (message)
        {
            case ClockSyncMessage.Poll poll when context.Self != Master:
                context.Send(from, new ClockSyncMessage.PollReply(poll.Round, context.Now + Offset));
                break;

            case ClockSyncMessage.PollReply reply when context.Self == Master && reply.Round == round && !differences.ContainsKey(from):
                TimeSpan arrived = context.Now + Offset;
                TimeSpan rtt = context.Now - polledAt;
                differences[from] = reply.Clock + rtt / 2 - arrived;
                if (differences.Count == context.Members.Count)
                {
                    context.CancelTimer(CollectTimer);
                    Average(context);
                }

                break;

            case ClockSyncMessage.Adjust adjust when context.Self != Master && adjust.Round > adjusted:
                // Once per round, and never an older round after a newer one: adjustments are relative, so a
                // duplicated or late one would move the clock twice.
                adjusted = adjust.Round;
                Offset += adjust.By;
                context.Observe(new ClockCorrected(context.Self, Offset, null, TimeSpan.Zero));
                break;
        }
    }

    private void Average(INodeContext<ClockSyncMessage, NoRecord> context)
    {
        if (differences.Count == 0)
        {
            return;
        }

        var sorted = differences.Values.Order().ToList();
        TimeSpan median = sorted[sorted.Count / 2];
        var good = differences.Where(d => (d.Value - median).Duration() <= options.OutlierLimit).ToList();
        TimeSpan average = TimeSpan.FromTicks((long)good.Average(d => d.Value.Ticks));
        foreach (var (node, difference) in differences)
        {
            if (node != Master)
            {
                // An outlier is still told how to move to the average: that is how a wrong clock gets fixed.
                context.Send(node, new ClockSyncMessage.Adjust(round, average - difference));
            }
        }

        Offset += average;
        context.Observe(new ClockCorrected(context.Self, Offset, null, TimeSpan.Zero));
        differences.Clear();
    }
}
