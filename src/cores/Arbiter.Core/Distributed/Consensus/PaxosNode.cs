namespace Arbiter.Core.Distributed.Consensus;

/// <summary>
/// Single-decree Paxos: proposers, acceptors and learners agree on one value despite competing proposers, lost and
/// duplicated messages and acceptor crashes.
/// </summary>
/// <remarks>
/// <para>Source: L. Lamport, "Paxos Made Simple", ACM SIGACT News 32(4), 2001: §2.2 choosing a value (P1, P2,
/// P2a–P2c, the two phases), §2.3 learning a chosen value, §2.4 progress (a distinguished proposer; here random
/// backoff), stable storage for acceptors.</para>
/// <para>Phase 1: a proposer picks a ballot n above any it has used and asks a majority of acceptors to promise to
/// ignore ballots below n; each promise carries the highest-numbered proposal the acceptor accepted. Phase 2: with
/// promises from a majority, the proposer asks them to accept (n, v), where v is the value of the highest-numbered
/// proposal among the promises, or its own value if there is none. Acceptors accept unless they promised higher, and
/// tell the learners; a value is chosen when a majority accepted the same ballot.</para>
/// <para>Cost per attempt without competition: 4·A messages (prepare, promise, accept to A acceptors) plus A·L
/// Accepted messages to the L learners: with P learners, (3 + P)·A. Competing proposers can pre-empt each other
/// without end (the FLP impossibility); the random backoff makes that improbable.</para>
/// </remarks>
public sealed class PaxosNode : INode<PaxosMessage, PaxosRecord>
{
    private const string RetryTimer = "paxos.retry";

    private readonly PaxosRoles roles;
    private readonly string? input;
    private readonly HashSet<int> promised = [];
    private readonly Dictionary<Ballot, HashSet<int>> accepts = [];
    private PaxosRecord stable;
    private Ballot proposing;
    private Ballot highestSeen;
    private (Ballot Ballot, string? Value) bestPromise;
    private bool phase2;

    /// <summary>Creates a node; <paramref name="input"/> is its value if it is a proposer.</summary>
    public PaxosNode(PaxosRoles roles, string? input)
    {
        ArgumentNullException.ThrowIfNull(roles);
        this.roles = roles;
        this.input = input;
    }

    /// <summary>The chosen value this node learned, or null.</summary>
    public string? Decided { get; private set; }

    /// <summary>The acceptor's state (what it persisted).</summary>
    public PaxosRecord State => stable;

    private bool IsProposer(int self) => roles.Proposers.Contains(self);

    private bool IsAcceptor(int self) => roles.Acceptors.Contains(self);

    /// <inheritdoc/>
    public void Start(INodeContext<PaxosMessage, PaxosRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Recovered.Count > 0)
        {
            stable = context.Recovered[^1]; // the acceptor keeps its promises across a crash (§2.4)
        }

        if (IsProposer(context.Self) && input is not null)
        {
            context.Observe(new ValueProposed(context.Self, input));
            context.SetTimer(RetryTimer, Backoff(context) / 4);
        }
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<PaxosMessage, PaxosRecord> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (timer == RetryTimer && Decided is null)
        {
            Propose(context);
        }
    }

    private void Propose(INodeContext<PaxosMessage, PaxosRecord> context)
    {
        // A ballot above every ballot this proposer has used or seen, and persisted before use: reusing a ballot
        // with another value after a restart would break P2c's premise that a ballot has one value.
        long round = Math.Max(stable.Round, highestSeen.Round) + 1;
        stable = stable with { Round = round };
        context.Persist(stable);
        proposing = new Ballot(round, context.Self);
        promised.Clear();
        bestPromise = (Ballot.Zero, null);
        phase2 = false;
        foreach (int acceptor in roles.Acceptors)
        {
            context.Send(acceptor, new PaxosMessage.Prepare(proposing));
        }

        context.SetTimer(RetryTimer, Backoff(context));
    }

    private TimeSpan Backoff(INodeContext<PaxosMessage, PaxosRecord> context) =>
        roles.Retry + TimeSpan.FromTicks((long)(roles.Retry.Ticks * context.Random.NextDouble()));

    /// <inheritdoc/>
    public void Receive(INodeContext<PaxosMessage, PaxosRecord> context, int from, PaxosMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (message)
        {
            case PaxosMessage.Prepare prepare when IsAcceptor(context.Self):
                // P1a: promise only above every earlier promise; the promise is durable before it leaves.
                if (prepare.Ballot > stable.Promised)
                {
                    stable = stable with { Promised = prepare.Ballot };
                    context.Persist(stable);
                    context.Send(from, new PaxosMessage.Promise(prepare.Ballot, stable.Accepted, stable.Value));
                }
                else
                {
                    context.Send(from, new PaxosMessage.Nack(stable.Promised));
                }

                break;

            case PaxosMessage.Accept accept when IsAcceptor(context.Self):
                // P1a: accept unless a higher ballot was promised (accepting is also promising it).
                if (accept.Ballot >= stable.Promised)
                {
                    stable = stable with { Promised = accept.Ballot, Accepted = accept.Ballot, Value = accept.Value };
                    context.Persist(stable);
                    foreach (int learner in roles.Proposers)
                    {
                        context.Send(learner, new PaxosMessage.Accepted(accept.Ballot, accept.Value));
                    }
                }
                else
                {
                    context.Send(from, new PaxosMessage.Nack(stable.Promised));
                }

                break;

            case PaxosMessage.Promise promise when promise.Ballot == proposing && !phase2:
                promised.Add(from);
                if (promise.AcceptedBallot > bestPromise.Ballot)
                {
                    bestPromise = (promise.AcceptedBallot, promise.Value);
                }

                if (promised.Count >= roles.Quorum)
                {
                    // P2c, the heart of Paxos: for any v and n, if (n, v) is issued then a majority S has either
                    // accepted nothing below n, or v is the value of the highest-numbered proposal below n accepted
                    // by S. Taking the highest accepted value among the majority's promises keeps every value that
                    // may already be chosen; only when none accepted anything may the proposer use its own.
                    phase2 = true;
                    string value = bestPromise.Value ?? input!;
                    foreach (int acceptor in roles.Acceptors)
                    {
                        context.Send(acceptor, new PaxosMessage.Accept(proposing, value));
                    }
                }

                break;

            case PaxosMessage.Nack nack:
                if (nack.Promised > highestSeen)
                {
                    highestSeen = nack.Promised; // the next attempt goes above it (after the backoff)
                }

                break;

            case PaxosMessage.Accepted accepted when Decided is null:
                // §2.3: a learner learns v once a majority of acceptors accepted the same ballot.
                if (!accepts.TryGetValue(accepted.Ballot, out var from_))
                {
                    accepts[accepted.Ballot] = from_ = [];
                }

                if (from_.Add(from) && from_.Count >= roles.Quorum)
                {
                    Decided = accepted.Value;
                    context.CancelTimer(RetryTimer);
                    context.Observe(new ValueDecided(context.Self, accepted.Value, accepted.Ballot));
                }

                break;
        }
    }
}
