namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>
/// Token-ring mutual exclusion, with loss of the token detected by a timeout and exactly one new token regenerated.
/// </summary>
/// <remarks>
/// <para>Source: G. Le Lann, "Distributed Systems — Towards a Formal Approach", IFIP 1977 (the token ring);
/// Tanenbaum and van Steen, "Distributed Systems", 2nd ed., §6.3.5 (a token ring algorithm, and its problem: "if the
/// token is ever lost, it must be regenerated"). The regeneration below is our own, written in the spirit of Paxos
/// ballots (Lamport 2001): a new token is created only after every node has promised to refuse older ones.</para>
/// <para>The nodes form a logical ring in ascending order of id. The token circulates; the node holding it may enter
/// the critical section, and passes it on when it leaves (or at once if it does not want it).</para>
/// <para>Cost: 1 to ∞ messages per entry (the token circulates even when nobody wants it: N messages per idle
/// round), waiting at most N−1 hops. Regeneration costs 2(N−1) messages and needs every node to answer.</para>
/// <para>Why one token, whatever the network does: each token carries an epoch and a hop count. A node accepts a
/// token only of its current epoch and only with a hop above the last it accepted (persisted), so a duplicated
/// token message is accepted at most once, and by induction on hops there is one token per epoch. A node that
/// suspects the token is lost picks a higher epoch and asks everyone to refuse older tokens; a node answers only
/// when it is not in the critical section, and from then on refuses older tokens. When all N−1 have answered, no
/// node holds an old token and none will accept one, so creating the new token cannot make two: a token that was
/// merely slow, not lost, is simply dropped when it arrives.</para>
/// </remarks>
public sealed class TokenRingNode : MutexNode<TokenRingMessage, TokenRingRecord>
{
    private const string LostTimer = "token.lost";
    private const string RetryTimer = "token.retry";

    private readonly TokenRingOptions options;
    private readonly HashSet<int> acks = [];
    private readonly List<(int Node, TokenEpoch Epoch)> pendingAcks = [];
    private TokenEpoch epoch;
    private long lastHop = -1;
    private bool holding;
    private bool regenerating;

    /// <summary>Creates a ring node with the given workload and loss-detection timing.</summary>
    public TokenRingNode(MutexWorkload workload, TokenRingOptions options)
        : base(workload)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <summary>The oldest epoch this node accepts.</summary>
    public TokenEpoch Epoch => epoch;

    /// <summary>True while this node holds the token.</summary>
    public bool Holding => holding;

    /// <inheritdoc/>
    protected override void OnStart(INodeContext<TokenRingMessage, TokenRingRecord> context)
    {
        if (context.Recovered.Count > 0)
        {
            (epoch, lastHop) = (context.Recovered[^1].Epoch, context.Recovered[^1].Hop);
        }
        else
        {
            epoch = new TokenEpoch(0, context.Members[0]);
            if (context.Self == context.Members[0])
            {
                Accept(context, 0);
                return;
            }
        }

        context.SetTimer(LostTimer, options.LostAfter);
    }

    /// <inheritdoc/>
    protected override void Acquire(INodeContext<TokenRingMessage, TokenRingRecord> context)
    {
        if (holding)
        {
            Enter(context);
        }
    }

    /// <inheritdoc/>
    protected override void Release(INodeContext<TokenRingMessage, TokenRingRecord> context)
    {
        if (pendingAcks.Count > 0)
        {
            // Asked to invalidate while in the critical section: the answer was held back until now (that is what
            // makes regeneration safe); the token held dies here rather than travel on.
            var newest = pendingAcks.Max(p => p.Epoch);
            Adopt(context, newest);
            foreach (var (node, e) in pendingAcks.Where(p => p.Epoch == newest))
            {
                context.Send(node, new TokenRingMessage.InvalidateAck(e));
            }

            pendingAcks.Clear();
            return;
        }

        Pass(context);
    }

    /// <inheritdoc/>
    public override void Receive(INodeContext<TokenRingMessage, TokenRingRecord> context, int from, TokenRingMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (message)
        {
            case TokenRingMessage.Token token when token.Epoch == epoch && token.Hop > lastHop && !regenerating:
                Accept(context, token.Hop);
                break;

            case TokenRingMessage.Invalidate invalidate when invalidate.Epoch > epoch:
                if (InCriticalSection)
                {
                    pendingAcks.Add((from, invalidate.Epoch));
                }
                else
                {
                    Adopt(context, invalidate.Epoch);
                    context.Send(from, new TokenRingMessage.InvalidateAck(invalidate.Epoch));
                }

                break;

            case TokenRingMessage.Invalidate invalidate when invalidate.Epoch == epoch && invalidate.Epoch.Regenerator != context.Self && !InCriticalSection:
                // The regenerator resent (our answer was lost): answer again.
                context.Send(from, new TokenRingMessage.InvalidateAck(invalidate.Epoch));
                break;

            case TokenRingMessage.InvalidateAck ack when regenerating && ack.Epoch == epoch:
                acks.Add(from);
                if (acks.Count == context.Members.Count - 1)
                {
                    regenerating = false;
                    context.CancelTimer(RetryTimer);
                    context.Observe(new TokenRegenerated(context.Self, epoch));
                    Accept(context, 0);
                }

                break;
        }
    }

    /// <inheritdoc/>
    protected override void OnFire(INodeContext<TokenRingMessage, TokenRingRecord> context, string timer)
    {
        if (timer == LostTimer && !holding)
        {
            Regenerate(context);
        }
        else if (timer == RetryTimer && regenerating)
        {
            var invalidate = new TokenRingMessage.Invalidate(epoch);
            foreach (int member in context.Members.Where(m => m != context.Self && !acks.Contains(m)))
            {
                context.Send(member, invalidate);
            }

            context.SetTimer(RetryTimer, options.Retry);
        }
    }

    private void Regenerate(INodeContext<TokenRingMessage, TokenRingRecord> context)
    {
        Adopt(context, new TokenEpoch(epoch.Generation + 1, context.Self));
        regenerating = true;
        acks.Clear();
        if (context.Members.Count == 1)
        {
            regenerating = false;
            context.Observe(new TokenRegenerated(context.Self, epoch));
            Accept(context, 0);
            return;
        }

        context.Broadcast(new TokenRingMessage.Invalidate(epoch));
        context.SetTimer(RetryTimer, options.Retry);
    }

    /// <summary>Refuse every token older than <paramref name="newer"/> from now on (persisted before the ack leaves).</summary>
    private void Adopt(INodeContext<TokenRingMessage, TokenRingRecord> context, TokenEpoch newer)
    {
        epoch = newer;
        lastHop = -1;
        holding = false;
        regenerating = false;
        context.Persist(new TokenRingRecord(epoch, lastHop));
        // Give the regenerator time to finish before suspecting again.
        context.SetTimer(LostTimer, options.LostAfter);
    }

    private void Accept(INodeContext<TokenRingMessage, TokenRingRecord> context, long hop)
    {
        lastHop = hop;
        holding = true;
        context.Persist(new TokenRingRecord(epoch, hop));
        context.CancelTimer(LostTimer);
        if (Waiting)
        {
            Enter(context);
        }
        else
        {
            Pass(context);
        }
    }

    private void Pass(INodeContext<TokenRingMessage, TokenRingRecord> context)
    {
        int successor = Successor(context);
        if (successor == context.Self)
        {
            return; // a ring of one keeps its token
        }

        holding = false;
        context.Send(successor, new TokenRingMessage.Token(epoch, lastHop + 1));
        context.SetTimer(LostTimer, options.LostAfter);
    }

    private static int Successor(INodeContext<TokenRingMessage, TokenRingRecord> context)
    {
        var members = context.Members;
        int index = 0;
        while (members[index] != context.Self)
        {
            index++;
        }

        return members[(index + 1) % members.Count];
    }
}
