namespace Arbiter.Core.Distributed.Election;

/// <summary>
/// The ring election (Chang and Roberts): the highest id on the ring wins.
/// </summary>
/// <remarks>
/// <para>Source: E. Chang and R. Roberts, "An Improved Algorithm for Decentralized Extrema-Finding in Circular
/// Configurations of Processes", CACM 22(5), 1979; the failure handling (skip a dead successor) is the textbook
/// ring's, Tanenbaum and van Steen, "Distributed Systems", 2nd ed., §6.5.1; the seeds' week 10 slides.</para>
/// <para>Nodes form a ring in ascending id. The initiator sends Election(self) to its successor. A node forwards a
/// higher candidate, replaces a lower one by itself if it has not yet taken part, and swallows a lower one if it
/// has. A node that receives its own id back is the highest: it sends Elected around the ring once.</para>
/// <para>Cost from one initiator: at most N−1 messages until the election reaches the highest node, N for the
/// highest id to go round, N for Elected: 3N−1 ring messages (and as many hop acknowledgements, which let a node
/// skip a dead successor). With several initiators, up to O(N²) Election messages in the worst case.</para>
/// <para>Why several Election messages may be in flight: every node that detects the failure starts one, and they
/// travel at once. Swallowing by participants kills all but the highest candidate's message, so only the highest
/// node ever sees its own id return — each lower candidate's message dies at the first node above it.</para>
/// <para>Added for an asynchronous network (see <see cref="LeaderElectionNode{TMessage}"/>): Elected counts the
/// votes of the nodes it passes, and the winner leads only if a majority voted.</para>
/// </remarks>
public sealed class RingElectionNode : LeaderElectionNode<RingElectionMessage>
{
    private readonly Dictionary<long, (int To, RingElectionMessage Message)> unacked = [];
    private readonly HashSet<(long Term, int Candidate, bool Elected)> forwarded = [];
    private bool participant;
    private long hops;

    /// <summary>Creates a node with the given timing.</summary>
    public RingElectionNode(ElectionOptions options)
        : base(options)
    {
    }

    /// <inheritdoc/>
    protected override void StartElection(INodeContext<RingElectionMessage, ElectionVote> context)
    {
        RaiseTerm(context, Math.Max(Term, VotedTerm) + 1);
        participant = true;
        ObserveStart(context);
        // The watch timer stays armed: if this election stalls (the ring broke twice), a later term starts.
        Watch(context);
        Forward(context, Successor(context, context.Self), new RingElectionMessage.Election(Term, context.Self, 0));
    }

    /// <inheritdoc/>
    protected override void OnReceive(INodeContext<RingElectionMessage, ElectionVote> context, int from, RingElectionMessage message)
    {
        switch (message)
        {
            case RingElectionMessage.HopAck ack:
                if (unacked.Remove(ack.Hop))
                {
                    context.CancelTimer(AckTimer(ack.Hop));
                }

                break;

            case RingElectionMessage.Election election:
                context.Send(from, new RingElectionMessage.HopAck(election.Hop));
                OnElection(context, election);
                break;

            case RingElectionMessage.Elected elected:
                context.Send(from, new RingElectionMessage.HopAck(elected.Hop));
                OnElected(context, elected);
                break;
        }
    }

    private void OnElection(INodeContext<RingElectionMessage, ElectionVote> context, RingElectionMessage.Election election)
    {
        if (election.Term < Term || (IsLeader && election.Term <= Term))
        {
            return; // an election of an older term (or one this node already won)
        }

        if (election.Term > Term)
        {
            RaiseTerm(context, election.Term);
            participant = false;
        }

        int next = Successor(context, context.Self);
        if (election.Candidate != context.Self && !forwarded.Add((election.Term, election.Candidate, false)))
        {
            // Each candidate's message passes a node at most once. A second visit means it went round without
            // meeting its candidate: the candidate died during the election (it was skipped). Drop the message,
            // or it circulates forever; the watch timer starts a later term. This also drops network duplicates.
            return;
        }

        if (election.Candidate > context.Self)
        {
            participant = true;
            Forward(context, next, election with { Hop = 0 });
        }
        else if (election.Candidate < context.Self && !participant)
        {
            participant = true;
            Forward(context, next, election with { Candidate = context.Self, Hop = 0 });
        }
        else if (election.Candidate == context.Self)
        {
            // Our own id came round: nobody higher is on the ring. Vote for ourselves and collect the others' votes.
            if (TryVote(context, Term, context.Self))
            {
                Forward(context, next, new RingElectionMessage.Elected(Term, context.Self, 1, 0));
            }
        }

        // else: a lower candidate reaching a participant is swallowed (Chang–Roberts).
    }

    private void OnElected(INodeContext<RingElectionMessage, ElectionVote> context, RingElectionMessage.Elected elected)
    {
        if (elected.Leader == context.Self)
        {
            participant = false;
            if (elected.Term == Term && elected.Votes >= Majority(context) && !IsLeader)
            {
                BecomeLeader(context);
            }

            // Too few votes: the watch timer still runs and a later term starts.
            return;
        }

        if (!forwarded.Add((elected.Term, elected.Leader, true)))
        {
            return; // the winner died while its Elected went round (or a duplicate): see OnElection
        }

        int votes = elected.Votes;
        if (elected.Term >= Term && TryVote(context, elected.Term, elected.Leader))
        {
            participant = false;
            votes++;
            Follow(context, elected.Term, elected.Leader);
        }

        Forward(context, Successor(context, context.Self), elected with { Votes = votes, Hop = 0 });
    }

    /// <inheritdoc/>
    protected override void OnFire(INodeContext<RingElectionMessage, ElectionVote> context, string timer)
    {
        if (!timer.StartsWith("ring.ack.", StringComparison.Ordinal)
            || !long.TryParse(timer.AsSpan("ring.ack.".Length), System.Globalization.CultureInfo.InvariantCulture, out long hop)
            || !unacked.Remove(hop, out var pending))
        {
            return;
        }

        // No acknowledgement: the successor is taken for dead and skipped (Tanenbaum's ring).
        int next = Successor(context, pending.To);
        if (next != context.Self)
        {
            Forward(context, next, pending.Message);
        }
        else if (pending.Message is RingElectionMessage.Election { Candidate: var c } && c == context.Self)
        {
            OnElection(context, new RingElectionMessage.Election(Term, c, 0)); // alone on the ring
        }
        else if (pending.Message is RingElectionMessage.Elected elected && elected.Leader == context.Self)
        {
            OnElected(context, elected);
        }
    }

    private void Forward(INodeContext<RingElectionMessage, ElectionVote> context, int to, RingElectionMessage message)
    {
        long hop = ++hops;
        message = message switch
        {
            RingElectionMessage.Election e => e with { Hop = hop },
            RingElectionMessage.Elected e => e with { Hop = hop },
            _ => message,
        };
        if (to == context.Self)
        {
            // A ring of one: deliver to ourselves directly.
            Receive(context, context.Self, message);
            return;
        }

        unacked[hop] = (to, message);
        context.Send(to, message);
        context.SetTimer(AckTimer(hop), Options.ReplyTimeout);
    }

    private static string AckTimer(long hop) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ring.ack.{hop}");

    private static int Successor(INodeContext<RingElectionMessage, ElectionVote> context, int of)
    {
        var members = context.Members;
        int index = 0;
        while (index < members.Count && members[index] != of)
        {
            index++;
        }

        return members[(index + 1) % members.Count];
    }

    /// <inheritdoc/>
    protected override RingElectionMessage Heartbeat(long term) => new RingElectionMessage.Heartbeat(term);

    /// <inheritdoc/>
    protected override bool IsHeartbeat(RingElectionMessage message, out long term)
    {
        term = message is RingElectionMessage.Heartbeat h ? h.Term : 0;
        return message is RingElectionMessage.Heartbeat;
    }
}
