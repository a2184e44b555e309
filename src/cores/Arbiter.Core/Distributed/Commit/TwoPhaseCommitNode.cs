namespace Arbiter.Core.Distributed.Commit;

/// <summary>
/// Two-phase commit of one transaction, with the coordinator's recovery log.
/// </summary>
/// <remarks>
/// <para>Source: J. Gray, "Notes on Data Base Operating Systems", LNCS 60, 1978, §5.8.3 (the two-phase commit
/// protocol); P. A. Bernstein, V. Hadzilacos and N. Goodman, "Concurrency Control and Recovery in Database Systems",
/// 1987, §7.4 (2PC, its timeout and recovery actions, the uncertainty period); the seeds' week 9 reading.</para>
/// <para>Phase 1: the coordinator logs Begin and sends Prepare; each participant logs its vote and answers. Phase 2:
/// the coordinator decides commit if every vote is yes (abort otherwise, or if a vote does not come in time), logs
/// the decision, sends it, and logs End once all acknowledged. Node 1 coordinates.</para>
/// <para>Cost: 4(N) messages for N participants (prepare, vote, decision, ack), two forced log writes at the
/// coordinator (Begin, Decision) and two at each participant (vote, decision).</para>
/// <para>The window of uncertainty: between voting yes and hearing the decision, a participant may neither commit
/// (another may have voted no) nor abort (the coordinator may have decided commit and told others). If the
/// coordinator fails then, the participant is blocked — that is 2PC's known weakness (3PC and Paxos Commit address
/// it). Recovery: a restarted coordinator reads its log; with a decision logged it sends it again; with only Begin
/// logged no decision can have left, so it may abort (presumed abort); with End logged it is done.</para>
/// </remarks>
public sealed class TwoPhaseCommitNode : INode<TwoPhaseMessage, TwoPhaseRecord>
{
    private const string BeginTimer = "2pc.begin";
    private const string VoteTimer = "2pc.votes";
    private const string WaitTimer = "2pc.wait";
    private const int Coordinator = 1;

    private readonly TwoPhaseOptions options;
    private readonly Dictionary<int, bool> votes = [];
    private readonly HashSet<int> acked = [];
    private bool? decision;
    private bool? voted;
    private bool ended;

    /// <summary>Creates a node.</summary>
    public TwoPhaseCommitNode(TwoPhaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <summary>The outcome this node knows (null: none yet).</summary>
    public bool? Outcome => decision;

    /// <summary>True when this participant voted yes and does not know the outcome (the window of uncertainty).</summary>
    public bool Uncertain => voted == true && decision is null;

    /// <inheritdoc/>
    public void Start(INodeContext<TwoPhaseMessage, TwoPhaseRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var log = context.Recovered;
        foreach (var entry in log)
        {
            switch (entry.Kind)
            {
                case TwoPhaseLogKind.Voted: voted = entry.Commit; break;
                case TwoPhaseLogKind.Decision: decision = entry.Commit; break;
                case TwoPhaseLogKind.End: ended = true; break;
            }
        }

        if (context.Self == Coordinator)
        {
            if (log.Count == 0)
            {
                context.SetTimer(BeginTimer, options.Begin);
            }
            else if (!ended)
            {
                // Recovery: finish what was started. No decision logged means none was sent: abort (presumed abort).
                if (decision is null)
                {
                    Decide(context, commit: false);
                }
                else
                {
                    SendDecision(context);
                }
            }
        }
        else if (Uncertain)
        {
            // A participant that crashed inside the window is still bound by its yes vote: ask, do not guess.
            context.Send(Coordinator, new TwoPhaseMessage.Inquire());
            context.SetTimer(WaitTimer, options.Timeout);
        }
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<TwoPhaseMessage, TwoPhaseRecord> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (timer)
        {
            case BeginTimer:
                context.Persist(new TwoPhaseRecord(TwoPhaseLogKind.Begin, false));
                context.Broadcast(new TwoPhaseMessage.Prepare());
                context.SetTimer(VoteTimer, options.Timeout);
                break;
            case VoteTimer when decision is null:
                Decide(context, commit: false); // a missing vote counts as no
                break;
            case VoteTimer when !ended:
                SendDecision(context); // resend to those that have not acknowledged
                break;
            case WaitTimer when Uncertain:
                context.Observe(new ParticipantUncertain(context.Self));
                context.Send(Coordinator, new TwoPhaseMessage.Inquire());
                context.SetTimer(WaitTimer, options.Timeout);
                break;
        }
    }

    /// <inheritdoc/>
    public void Receive(INodeContext<TwoPhaseMessage, TwoPhaseRecord> context, int from, TwoPhaseMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (message)
        {
            case TwoPhaseMessage.Prepare when context.Self != Coordinator:
                if (voted is null && decision is null)
                {
                    bool yes = !options.VoteNo.Contains(context.Self);
                    voted = yes;
                    context.Persist(new TwoPhaseRecord(TwoPhaseLogKind.Voted, yes));
                    context.Observe(new VoteCast(context.Self, yes));
                    if (!yes)
                    {
                        // A no voter may abort at once: the coordinator cannot decide commit without its yes.
                        Apply(context, commit: false);
                    }
                    else
                    {
                        context.SetTimer(WaitTimer, options.Timeout);
                    }
                }

                if (voted is bool mine)
                {
                    context.Send(from, new TwoPhaseMessage.Vote(mine)); // again, if the prepare was resent
                }

                break;

            case TwoPhaseMessage.Vote vote when context.Self == Coordinator && decision is null:
                votes[from] = vote.Yes;
                if (!vote.Yes)
                {
                    Decide(context, commit: false);
                }
                else if (votes.Count == context.Members.Count - 1)
                {
                    Decide(context, commit: true);
                }

                break;

            case TwoPhaseMessage.Decision d when context.Self != Coordinator:
                if (decision is null)
                {
                    Apply(context, d.Commit);
                }

                context.Send(from, new TwoPhaseMessage.Ack());
                break;

            case TwoPhaseMessage.Ack when context.Self == Coordinator && decision is not null && !ended:
                acked.Add(from);
                if (acked.Count == context.Members.Count - 1)
                {
                    ended = true;
                    context.Persist(new TwoPhaseRecord(TwoPhaseLogKind.End, decision.Value));
                    context.CancelTimer(VoteTimer);
                }

                break;

            case TwoPhaseMessage.Inquire when context.Self == Coordinator && decision is bool outcome:
                context.Send(from, new TwoPhaseMessage.Decision(outcome));
                break;
        }
    }

    private void Decide(INodeContext<TwoPhaseMessage, TwoPhaseRecord> context, bool commit)
    {
        decision = commit;
        // Logged before it is sent (persist precedes send): a coordinator that crashes after telling anyone must
        // recover the same decision, or one participant commits and another aborts.
        context.Persist(new TwoPhaseRecord(TwoPhaseLogKind.Decision, commit));
        context.Observe(new TransactionDecided(context.Self, commit));
        SendDecision(context);
    }

    private void SendDecision(INodeContext<TwoPhaseMessage, TwoPhaseRecord> context)
    {
        foreach (int member in context.Members.Where(m => m != context.Self && !acked.Contains(m)))
        {
            context.Send(member, new TwoPhaseMessage.Decision(decision!.Value));
        }

        context.SetTimer(VoteTimer, options.Timeout);
    }

    private void Apply(INodeContext<TwoPhaseMessage, TwoPhaseRecord> context, bool commit)
    {
        decision = commit;
        context.Persist(new TwoPhaseRecord(TwoPhaseLogKind.Decision, commit));
        context.Observe(new TransactionDecided(context.Self, commit));
        context.CancelTimer(WaitTimer);
    }
}
