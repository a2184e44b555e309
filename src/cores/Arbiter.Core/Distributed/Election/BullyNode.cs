namespace Arbiter.Core.Distributed.Election;

/// <summary>
/// The Bully election: the highest live id becomes coordinator.
/// </summary>
/// <remarks>
/// <para>Source: H. Garcia-Molina, "Elections in a Distributed Computing System", IEEE Trans. Computers C-31(1),
/// 1982, §IV (the Bully algorithm, for a synchronous system); the seeds' week 10 slides.</para>
/// <para>A node that detects the coordinator's failure sends Election to every higher id. Any higher node that is
/// alive answers and holds its own election; if nobody answers in time, the node sends Coordinator to all. A
/// recovered node holds an election, and bullies a lower coordinator out.</para>
/// <para>Added for an asynchronous network (see <see cref="LeaderElectionNode{TMessage}"/>): the Coordinator message
/// must be acknowledged by a majority, each node acknowledging one coordinator per term.</para>
/// <para>Cost: the lowest node detecting costs O(N²) messages in the worst case (every node holds an election:
/// N(N−1)/2 Election and as many Answer messages), the highest live node detecting costs N−1; then N−1 Coordinator
/// and up to N−1 acknowledgements.</para>
/// </remarks>
public sealed class BullyNode : LeaderElectionNode<BullyMessage>
{
    private const string AnswerTimer = "bully.answer";
    private const string CoordinatorTimer = "bully.coordinator";
    private const string AckTimer = "bully.ack";

    private readonly HashSet<int> acks = [];
    private Phase phase;

    /// <summary>Creates a node with the given timing.</summary>
    public BullyNode(ElectionOptions options)
        : base(options)
    {
    }

    private enum Phase
    {
        Idle,
        Electing,   // sent Election to the higher ids, waiting for an Answer
        Waiting,    // answered by a higher id, waiting for its Coordinator
        Announcing, // sent Coordinator, collecting acknowledgements
    }

    /// <inheritdoc/>
    protected override void StartElection(INodeContext<BullyMessage, ElectionVote> context) => Elect(context, Term + 1);

    private void Elect(INodeContext<BullyMessage, ElectionVote> context, long term)
    {
        RaiseTerm(context, term);
        context.CancelTimer(WatchTimer);
        ObserveStart(context);
        int sent = 0;
        foreach (int higher in context.Members.Where(m => m > context.Self))
        {
            context.Send(higher, new BullyMessage.Election(Term));
            sent++;
        }

        if (sent == 0)
        {
            Announce(context);
            return;
        }

        phase = Phase.Electing;
        context.SetTimer(AnswerTimer, Options.ReplyTimeout);
    }

    private void Announce(INodeContext<BullyMessage, ElectionVote> context)
    {
        // This node may have backed another coordinator in this term already: claim a fresh term instead.
        if (!TryVote(context, Term, context.Self))
        {
            RaiseTerm(context, Math.Max(Term, VotedTerm) + 1);
            TryVote(context, Term, context.Self);
        }

        phase = Phase.Announcing;
        acks.Clear();
        acks.Add(context.Self);
        context.CancelTimer(AnswerTimer);
        context.CancelTimer(CoordinatorTimer);
        if (acks.Count >= Majority(context))
        {
            Won(context);
            return;
        }

        context.Broadcast(new BullyMessage.Coordinator(Term));
        context.SetTimer(AckTimer, Options.ReplyTimeout);
    }

    private void Won(INodeContext<BullyMessage, ElectionVote> context)
    {
        phase = Phase.Idle;
        context.CancelTimer(AckTimer);
        BecomeLeader(context);
    }

    /// <inheritdoc/>
    protected override void OnReceive(INodeContext<BullyMessage, ElectionVote> context, int from, BullyMessage message)
    {
        switch (message)
        {
            case BullyMessage.Election election:
                context.Send(from, new BullyMessage.Answer(election.Term));
                if (IsLeader && election.Term <= Term)
                {
                    // A lower node missed the heartbeats: tell it who leads rather than hold a new election.
                    context.Send(from, new BullyMessage.Coordinator(Term));
                }
                else if (election.Term > Term || phase is Phase.Idle or Phase.Waiting)
                {
                    // Take over: several lower nodes may have started elections concurrently; all of them get an
                    // answer, and this node holds one election (in the highest term seen) on their behalf.
                    Elect(context, Math.Max(Term, election.Term));
                }

                break;

            case BullyMessage.Answer answer when phase == Phase.Electing && answer.Term == Term:
                phase = Phase.Waiting;
                context.CancelTimer(AnswerTimer);
                context.SetTimer(CoordinatorTimer, Options.ReplyTimeout * 3);
                break;

            case BullyMessage.Coordinator coordinator when from < context.Self:
                // A lower coordinator while this node is alive: it missed us (lost or late messages). Bully it out
                // in a later term, unless this node already leads a later term.
                if (IsLeader && Term > coordinator.Term)
                {
                    context.Send(from, new BullyMessage.Coordinator(Term));
                }
                else if (phase is Phase.Idle or Phase.Waiting && !IsLeader)
                {
                    Elect(context, Math.Max(Term, coordinator.Term) + 1);
                }

                break;

            case BullyMessage.Coordinator coordinator:
                if (TryVote(context, coordinator.Term, from))
                {
                    phase = Phase.Idle;
                    context.CancelTimer(AnswerTimer);
                    context.CancelTimer(CoordinatorTimer);
                    context.CancelTimer(AckTimer);
                    Follow(context, coordinator.Term, from);
                    context.Send(from, new BullyMessage.CoordinatorAck(coordinator.Term));
                }

                break;

            case BullyMessage.CoordinatorAck ack when phase == Phase.Announcing && ack.Term == Term:
                acks.Add(from);
                if (acks.Count >= Majority(context))
                {
                    Won(context);
                }

                break;
        }
    }

    /// <inheritdoc/>
    protected override void OnFire(INodeContext<BullyMessage, ElectionVote> context, string timer)
    {
        switch (timer)
        {
            case AnswerTimer when phase == Phase.Electing:
                Announce(context); // nobody higher answered: this node is the highest alive
                break;
            case CoordinatorTimer when phase == Phase.Waiting:
            case AckTimer when phase == Phase.Announcing:
                phase = Phase.Idle;
                StartElection(context); // the higher node died meanwhile, or no majority answered
                break;
        }
    }

    /// <inheritdoc/>
    /// <remarks>A live node never serves a lower leader (one elected while this node's messages were lost): it
    /// bullies it out, which is what makes "the highest live id leads" true again once the network heals.</remarks>
    protected override void OnLeaderHeard(INodeContext<BullyMessage, ElectionVote> context, int leader)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (leader < context.Self && phase == Phase.Idle)
        {
            Elect(context, Term + 1);
        }
    }

    /// <inheritdoc/>
    protected override BullyMessage Heartbeat(long term) => new BullyMessage.Heartbeat(term);

    /// <inheritdoc/>
    protected override bool IsHeartbeat(BullyMessage message, out long term)
    {
        term = message is BullyMessage.Heartbeat h ? h.Term : 0;
        return message is BullyMessage.Heartbeat;
    }
}
