namespace Arbiter.Core.Distributed.Election;

/// <summary>
/// What Bully and Ring share: terms, the persisted vote (one leader per node per term), the leader's heartbeats and
/// the followers' failure detector. A subclass supplies the election itself.
/// </summary>
/// <remarks>
/// <para>Both textbook algorithms assume a synchronous system: a node that does not answer in time is dead. On a
/// network that delays or partitions, each side of a partition would elect its own leader. So a candidate here
/// becomes leader only when a majority has acknowledged it for its term, and a node acknowledges at most one leader
/// per term (persisted): two majorities intersect, hence at most one leader per term, on any network; and an
/// election terminates whenever a majority is up and connected. Without faults the textbook outcome and message
/// pattern are unchanged (Bully: highest live id; Ring: 3N−1 messages at most).</para>
/// </remarks>
/// <typeparam name="TMessage">The algorithm's messages.</typeparam>
public abstract class LeaderElectionNode<TMessage> : INode<TMessage, ElectionVote>, IElectionNode
{
    /// <summary>The failure detector's timer.</summary>
    protected const string WatchTimer = "election.watch";

    private const string HeartbeatTimer = "election.heartbeat";
    private ElectionVote vote;

    /// <summary>Creates a node with the given timing.</summary>
    protected LeaderElectionNode(ElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The node's timing.</summary>
    public ElectionOptions Options { get; }

    /// <inheritdoc/>
    public long Term { get; protected set; }

    /// <inheritdoc/>
    public int? Leader { get; private set; }

    /// <inheritdoc/>
    public bool IsLeader { get; private set; }

    /// <summary>Members needed for a majority.</summary>
    protected static int Majority(INodeContext<TMessage, ElectionVote> context) => (context?.Members.Count ?? 0) / 2 + 1;

    /// <inheritdoc/>
    public void Start(INodeContext<TMessage, ElectionVote> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Recovered.Count > 0)
        {
            vote = context.Recovered[^1];
            Term = vote.Term;
            // Garcia-Molina: a process that recovers holds an election (it may outrank the current leader).
            StartElection(context);
        }
        else
        {
            Watch(context);
        }
    }

    /// <inheritdoc/>
    public void Receive(INodeContext<TMessage, ElectionVote> context, int from, TMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsHeartbeat(message, out long term))
        {
            if (term > Term || (term == Term && (Leader == from || Leader is null)))
            {
                if (IsLeader && term > Term)
                {
                    IsLeader = false;
                    context.CancelTimer(HeartbeatTimer);
                }

                Term = term;
                Leader = from;
                Watch(context);
                OnLeaderHeard(context, from);
            }

            return;
        }

        OnReceive(context, from, message);
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<TMessage, ElectionVote> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (timer == HeartbeatTimer && IsLeader)
        {
            context.Broadcast(Heartbeat(Term));
            context.SetTimer(HeartbeatTimer, Options.Heartbeat);
        }
        else if (timer == WatchTimer && !IsLeader)
        {
            Leader = null;
            StartElection(context);
        }
        else
        {
            OnFire(context, timer);
        }
    }

    /// <summary>Begins an election (the leader is missing, or this node recovered).</summary>
    protected abstract void StartElection(INodeContext<TMessage, ElectionVote> context);

    /// <summary>An algorithm message arrived.</summary>
    protected abstract void OnReceive(INodeContext<TMessage, ElectionVote> context, int from, TMessage message);

    /// <summary>An algorithm timer fired.</summary>
    protected abstract void OnFire(INodeContext<TMessage, ElectionVote> context, string timer);

    /// <summary>A heartbeat from <paramref name="leader"/> was accepted.</summary>
    protected virtual void OnLeaderHeard(INodeContext<TMessage, ElectionVote> context, int leader)
    {
    }

    /// <summary>The heartbeat message of <paramref name="term"/>.</summary>
    protected abstract TMessage Heartbeat(long term);

    /// <summary>True when <paramref name="message"/> is a heartbeat, with its term.</summary>
    protected abstract bool IsHeartbeat(TMessage message, out long term);

    /// <summary>
    /// Backs <paramref name="leader"/> in <paramref name="term"/> if this node has backed nobody else in that term or
    /// later; persists the vote (before any acknowledgement leaves). Returns false when it may not.
    /// </summary>
    protected bool TryVote(INodeContext<TMessage, ElectionVote> context, long term, int leader)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (term < vote.Term || (term == vote.Term && vote.Leader != leader && vote.Leader != 0))
        {
            return false;
        }

        if (vote != new ElectionVote(term, leader))
        {
            vote = new ElectionVote(term, leader);
            context.Persist(vote);
        }

        return true;
    }

    /// <summary>
    /// Moves to a later term. A leader that learns of a later term steps down and watches again: carrying on with
    /// its heartbeats under the new term number would pass it off as that term's leader (a sweep found this).
    /// </summary>
    protected void RaiseTerm(INodeContext<TMessage, ElectionVote> context, long term)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (term <= Term)
        {
            return;
        }

        Term = term;
        if (IsLeader)
        {
            IsLeader = false;
            Leader = null;
            context.CancelTimer(HeartbeatTimer);
            Watch(context);
        }
    }

    /// <summary>The term this node last voted in.</summary>
    protected long VotedTerm => vote.Term;

    /// <summary>Follow <paramref name="leader"/> in <paramref name="term"/> (after voting for it).</summary>
    protected void Follow(INodeContext<TMessage, ElectionVote> context, long term, int leader)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool changed = Leader != leader || Term != term;
        if (IsLeader && leader != context.Self)
        {
            IsLeader = false;
            context.CancelTimer(HeartbeatTimer);
        }

        Term = term;
        Leader = leader;
        if (changed)
        {
            context.Observe(new LeaderAccepted(context.Self, leader, term));
        }

        Watch(context);
    }

    /// <summary>A majority backs this node for <see cref="Term"/>: lead.</summary>
    protected void BecomeLeader(INodeContext<TMessage, ElectionVote> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IsLeader = true;
        Leader = context.Self;
        context.CancelTimer(WatchTimer);
        context.Observe(new LeaderElected(context.Self, Term));
        context.Broadcast(Heartbeat(Term));
        context.SetTimer(HeartbeatTimer, Options.Heartbeat);
    }

    /// <summary>Announces the start of an election in <see cref="Term"/>.</summary>
    protected void ObserveStart(INodeContext<TMessage, ElectionVote> context) =>
        context?.Observe(new ElectionStarted(context.Self, Term));

    /// <summary>(Re)arms the failure detector.</summary>
    protected void Watch(INodeContext<TMessage, ElectionVote> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan timeout = Options.LeaderTimeout;
        if (Options.Detectors is null)
        {
            timeout += TimeSpan.FromTicks((long)(timeout.Ticks * 0.5 * context.Random.NextDouble()));
        }
        else if (!Options.Detectors.Contains(context.Self))
        {
            timeout *= 4;
        }

        context.SetTimer(WatchTimer, timeout);
    }
}
