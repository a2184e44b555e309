using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Replication;

namespace Arbiter.Store.Node;

/// <summary>
/// A member of the replicated store as a node of the node runtime: a <see cref="RaftNode"/> over a
/// <see cref="StoreReplica"/>, plus what a server adds around Raft — forwarding of clients' requests from a follower to
/// the leader, and leases whose expiry the leader decides and replicates.
/// </summary>
/// <remarks>
/// <para>Source: etcd's <c>server/etcdserver</c> (v3_server.go: a follower's proposals reach the leader through
/// raft's MsgProp forwarding; lease keep-alive and time-to-live are served by the leader's lessor without the log;
/// lease/lessor.go: only the primary lessor expires leases, by proposing a revoke) and Ongaro's dissertation §6.2
/// (clients talk to the leader; a server that is not the leader redirects). Pure like every node: time is
/// <c>context.Now</c>, there are no threads.</para>
/// <para>Forwarding: a request from a client (the pseudo-client 0, or any node that is not a voter) reaching a
/// follower that knows the leader is sent on to the leader as the same <see cref="RaftMessage.ClientPropose"/> or
/// <see cref="RaftMessage.ClientRead"/> under a tag of this server's; the leader's <see cref="RaftMessage.ClientReply"/>
/// comes back here and goes to the client under the client's tag. A follower answers NotLeader itself only when it
/// knows no leader. When the leader this member knows changes, reads it forwarded elsewhere are answered NotLeader
/// (a read may be asked again: the client retries); a forwarded proposal whose leader dies gets no answer, because it
/// may have been committed (the client's timeout then means "unknown", as for any request in flight). Forwarding
/// state older than a minute is dropped.</para>
/// <para>Leases: a <see cref="Lessor"/> is primary exactly while this server leads. On promotion it takes the machine's
/// live leases with a fresh TTL each (a new leader cannot know when a client last renewed with the old one, so it must
/// give every lease a full TTL — etcd's lessor Promote); it learns grants and ends from applied entries; a timer at
/// its next deadline proposes a <see cref="LeaseExpireCommand"/> through Raft. No other code path removes a lease, so
/// a follower's clock never decides an expiry (the lesson of etcd issue 11456).</para>
/// <para>Local calls: a <see cref="RaftMessage.ClientRead"/> from the pseudo-client 0 whose query is the single byte
/// <see cref="LocalFormat"/> runs <see cref="LocalCall"/> on the node's thread — how the runtime that hosts this
/// node reads its state (watches, status, the wait-for graph) without racing the applying thread.</para>
/// <para>Removal (etcd's "the member has been permanently removed from the cluster"): a removed server rarely hears
/// of its removal through Raft — the leader stops replicating to it as soon as the change is in its log. So a member
/// that knows no leader for an election timeout sends a membership probe (<see cref="MembershipProbe"/>, a
/// <see cref="RaftMessage.ClientRead"/> under <see cref="ProbeTag"/>) to the servers it knows; a member whose
/// replicated registry has the prober as removed, and whose committed configuration lacks it, answers with a
/// <see cref="RaftMessage.ClientReply"/> under the same tag, and the prober marks itself <see cref="Removed"/>
/// (etcd's peers answer a removed member's connection with HTTP 410 for the same purpose). A server also marks itself
/// removed when its own committed configuration lacks it and its registry has it removed (a leader that removed
/// itself, a restart). Both conditions rest on committed state and on ids never being reused, so no live member is
/// ever told it was removed.</para>
/// <para>Cost per call: the Raft node's, plus O(1) for forwarding and O(leases) for the lessor's next deadline.</para>
/// </remarks>
public sealed class StoreNode : INode<RaftMessage, RaftRecord>
{
    /// <summary>The name of the lease-expiry timer.</summary>
    public const string LeaseTimer = "store.lease";

    /// <summary>The one-byte query of a local call.</summary>
    public const byte LocalFormat = (byte)'N';

    /// <summary>The first byte of a membership probe's query (the rest: the prober's peer URL, UTF-8).</summary>
    public const byte ProbeFormat = (byte)'M';

    /// <summary>The tag of membership probes and of their "removed" answers (client tags are positive).</summary>
    public const long ProbeTag = -7;

    /// <summary>What a member answers a removed server's probe with (etcd's words).</summary>
    public const string RemovedMessage = "the member has been permanently removed from the cluster";

    private static readonly TimeSpan ForwardLifetime = TimeSpan.FromMinutes(1);

    private readonly RaftNode _raft;
    private readonly RaftNodeOptions _options;
    private readonly Dictionary<long, (int Client, long Tag, TimeSpan Sent, int Leader, bool Read)> _forwarded = [];
    private long _nextTag;
    private TimeSpan _now;
    private int _knownLeader;
    private TimeSpan? _leaseTimerAt;
    private int _leaderlessTicks;

    /// <summary>Creates a member that replicates <paramref name="replica"/> (a fresh one if null).</summary>
    public StoreNode(RaftNodeOptions options, StoreReplica? replica = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Replica = replica ?? new StoreReplica();
        _raft = new RaftNode(options, Replica);
        Replica.Applied += OnApplied;
    }

    /// <summary>Raised on the node's thread for every applied entry, with the coordination notifications it caused.</summary>
    public event EventHandler<StoreNodeAppliedEventArgs>? Applied;

    /// <summary>The store's replicated state machine.</summary>
    public StoreReplica Replica { get; }

    /// <summary>The Raft server this member runs.</summary>
    public RaftNode Raft => _raft;

    /// <summary>The Raft core (null until started).</summary>
    public RaftCore Core => _raft.Core;

    /// <summary>The leader-side lease clock (primary only while this member leads).</summary>
    public Lessor Lessor { get; } = new();

    /// <summary>The local time of the call being handled.</summary>
    public TimeSpan Now => _now;

    /// <summary>Run on the node's thread for each local call, with the call's tag.</summary>
    public Action<long>? LocalCall { get; set; }

    /// <summary>How many client requests this member has forwarded to a leader and not yet seen answered.</summary>
    public int Forwarding => _forwarded.Count;

    /// <summary>
    /// The query of the membership probe this member sends while it knows no leader (<see cref="ProbeFormat"/> then its
    /// peer URL), every election timeout; null (the default): it never probes. Answering probes is always on.
    /// </summary>
    public byte[]? MembershipProbe { get; set; }

    /// <summary>True once this server knows it was removed from the group (see <see cref="StoreMemberRemoved"/>).</summary>
    public bool Removed { get; private set; }

    /// <summary>The probe query for <paramref name="peerUrl"/>.</summary>
    public static byte[] Probe(string peerUrl) => [ProbeFormat, .. System.Text.Encoding.UTF8.GetBytes(peerUrl ?? "")];

    /// <inheritdoc/>
    public void Start(INodeContext<RaftMessage, RaftRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _now = context.Now;
        _raft.Start(context);
        After(context);
    }

    /// <inheritdoc/>
    public void Receive(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        _now = context.Now;
        switch (message)
        {
            case RaftMessage.ClientRead { Tag: ProbeTag, Query: [ProbeFormat, ..] } probe when from != 0:
                AnswerProbe(context, from, probe.Query);
                break;
            case RaftMessage.ClientReply { Tag: ProbeTag } when from != 0 && from != context.Self:
                MarkRemoved(context, from);
                break;
            case RaftMessage.ClientReply reply:
                // A reply to a request this member forwarded (or to its own expiry proposal, which nobody awaits).
                if (_forwarded.Remove(reply.Tag, out var origin) && origin.Client != context.Self)
                {
                    context.Send(origin.Client, reply with { Tag = origin.Tag });
                }

                break;
            case RaftMessage.ClientRead { Query: [LocalFormat] } local when from == 0:
                LocalCall?.Invoke(local.Tag);
                break;
            case RaftMessage.ClientRead read when LeaseQuery.Is(read.Query):
                LeaseRead(context, from, read);
                break;
            case RaftMessage.ClientRead read when read.Mode != RaftReadMode.Serializable && ShouldForward(context, from):
                Forward(context, from, read.Tag, read with { Tag = ++_nextTag });
                break;
            case RaftMessage.ClientPropose propose when ShouldForward(context, from):
                Forward(context, from, propose.Tag, propose with { Tag = ++_nextTag });
                break;
            case RaftMessage.ClientConfChange change when ShouldForward(context, from):
                Forward(context, from, change.Tag, change with { Tag = ++_nextTag });
                break;
            default:
                _raft.Receive(context, from, message);
                break;
        }

        After(context);
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<RaftMessage, RaftRecord> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        _now = context.Now;
        if (timer == LeaseTimer)
        {
            _leaseTimerAt = null;
            ExpireLeases(context);
        }
        else
        {
            _raft.Fire(context, timer);
            if (timer == RaftNode.TickTimer)
            {
                DropStaleForwards();
                MaybeProbe(context);
            }
        }

        After(context);
    }

    // A member (of the command line's voters or of the configuration in force) is never a client: members forward only
    // to the leader they know, so a request never goes round between members that disagree about the leader.
    private bool IsClient(int from) => from == 0 || (!_options.Raft.Voters.Contains(from) && !Core.Configuration.IsMember(from));

    private bool ShouldForward(INodeContext<RaftMessage, RaftRecord> context, int from) =>
        IsClient(from) && Core.Role != RaftRole.Leader && Core.Leader != 0 && Core.Leader != context.Self;

    private void Forward(INodeContext<RaftMessage, RaftRecord> context, int client, long clientTag, RaftMessage forwarded)
    {
        (long tag, bool read) = forwarded switch
        {
            RaftMessage.ClientRead r => (r.Tag, true),
            RaftMessage.ClientPropose p => (p.Tag, false),
            RaftMessage.ClientConfChange c => (c.Tag, false),
            _ => throw new ArgumentException("only client requests are forwarded", nameof(forwarded)),
        };
        _forwarded[tag] = (client, clientTag, _now, Core.Leader, read);
        context.Send(Core.Leader, forwarded);
    }

    private void LeaseRead(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage.ClientRead read)
    {
        if (Core.Role == RaftRole.Leader && Lessor.IsPrimary)
        {
            LeaseAnswer answer;
            try
            {
                answer = Answer(LeaseQuery.Decode(read.Query));
            }
            catch (InvalidDataException)
            {
                context.Send(from, new RaftMessage.ClientReply(read.Tag, RaftReplyStatus.Ok, 0, Core.Log.Applied, []));
                return;
            }

            context.Send(from, new RaftMessage.ClientReply(read.Tag, RaftReplyStatus.Ok, 0, Core.Log.Applied, LeaseQuery.EncodeAnswer(answer)));
        }
        else if (ShouldForward(context, from))
        {
            Forward(context, from, read.Tag, read with { Tag = ++_nextTag });
        }
        else
        {
            int hint = Core.Leader == context.Self ? 0 : Core.Leader;
            context.Send(from, new RaftMessage.ClientReply(read.Tag, RaftReplyStatus.NotLeader, hint, 0, []));
        }
    }

    private LeaseAnswer Answer((byte Operation, long Id, bool Keys) query)
    {
        long revision = Replica.Machine.Revision;
        if (query.Operation == LeaseQuery.KeepAliveOperation)
        {
            // etcd answers a keep-alive of an unknown (or already expired) lease with TTL 0, not an error.
            return new LeaseAnswer(query.Id, Lessor.Renew(query.Id, _now) ?? 0, 0, revision, []);
        }

        var ttl = Replica.Machine.LeaseTimeToLive(new LeaseTimeToLiveRequest { Id = query.Id, Keys = query.Keys }, Lessor, _now);
        return new LeaseAnswer(query.Id, ttl.Ttl, ttl.GrantedTtl, revision, ttl.Keys);
    }

    private void ExpireLeases(INodeContext<RaftMessage, RaftRecord> context)
    {
        if (Core.Role != RaftRole.Leader || !Lessor.IsPrimary)
        {
            return;
        }

        IReadOnlyList<long> expired = Lessor.Expired(_now);
        if (expired.Count == 0)
        {
            return;
        }

        // Through the log like any command: the reply comes back to this member and is dropped. If the entry is lost
        // with this leader's term, the lessor retries after its retry interval (or the next leader decides afresh).
        long tag = ++_nextTag;
        _forwarded[tag] = (context.Self, 0, _now, context.Self, false);
        context.Observe(new LeaseExpiryProposed(context.Self, Core.Term, expired));
        _raft.Receive(context, context.Self, new RaftMessage.ClientPropose(tag, StoreCommandCodec.Encode(new LeaseExpireCommand(expired))));
    }

    /// <summary>Answers a probe from a server this member knows was removed for good (committed); ignores any other.</summary>
    private void AnswerProbe(INodeContext<RaftMessage, RaftRecord> context, int from, byte[] query)
    {
        if (!IsRemovedForGood(from))
        {
            return;
        }

        string url = System.Text.Encoding.UTF8.GetString(query, 1, query.Length - 1);
        context.Observe(new StoreRemovedMemberProbed(context.Self, from, url.Length > 0 ? url : null));
        context.Send(from, new RaftMessage.ClientReply(ProbeTag, RaftReplyStatus.Failed, 0, 0, System.Text.Encoding.UTF8.GetBytes(RemovedMessage)));
    }

    /// <summary>True when <paramref name="id"/> was removed (registry) and is not in the committed configuration.</summary>
    private bool IsRemovedForGood(int id) =>
        Replica.Machine.Members.IsRemoved(id) && !Core.Log.ConfigurationAt(Core.Log.Committed).IsMember(id);

    /// <summary>While no leader is known, a probe every election timeout to every server this member knows.</summary>
    private void MaybeProbe(INodeContext<RaftMessage, RaftRecord> context)
    {
        if (MembershipProbe is not { } query || Removed || Core.Leader != 0)
        {
            _leaderlessTicks = 0;
            return;
        }

        if (++_leaderlessTicks % Math.Max(1, _options.Raft.ElectionTicks) != 0)
        {
            return;
        }

        foreach (int peer in Core.Configuration.Members.Concat(_options.Raft.Voters).Distinct())
        {
            if (peer != context.Self)
            {
                context.Send(peer, new RaftMessage.ClientRead(ProbeTag, query, RaftReadMode.Serializable));
            }
        }
    }

    private void MarkRemoved(INodeContext<RaftMessage, RaftRecord> context, int toldBy)
    {
        if (!Removed)
        {
            Removed = true;
            context.Observe(new StoreMemberRemoved(context.Self, toldBy));
        }
    }

    private void After(INodeContext<RaftMessage, RaftRecord> context)
    {
        if (!Removed && IsRemovedForGood(context.Self))
        {
            MarkRemoved(context, 0); // its own committed log says so: a leader that removed itself, or a restart
        }

        bool leading = Core.Role == RaftRole.Leader;
        if (leading && !Lessor.IsPrimary)
        {
            Lessor.Promote(_now, Replica.Machine.LeaseLeases().Leases);
        }
        else if (!leading && Lessor.IsPrimary)
        {
            Lessor.Demote();
        }

        if (Core.Leader != _knownLeader)
        {
            _knownLeader = Core.Leader;
            AbandonReads(context);
            context.Observe(new StoreLeaderChanged(context.Self, Core.Leader, Core.Term));
        }

        TimeSpan? next = Lessor.IsPrimary ? Lessor.NextDeadline() : null;
        if (next != _leaseTimerAt)
        {
            _leaseTimerAt = next;
            if (next is { } at)
            {
                context.SetTimer(LeaseTimer, at > _now ? at - _now : TimeSpan.Zero);
            }
            else
            {
                context.CancelTimer(LeaseTimer);
            }
        }
    }

    private void OnApplied(object? sender, StoreReplicaAppliedEventArgs e)
    {
        foreach (var ended in e.Result.EndedLeases)
        {
            Lessor.Ended(ended.Id);
        }

        if (e.Result.Response is LeaseGrantResponse grant)
        {
            Lessor.Granted(grant.Id, grant.Ttl, _now);
        }

        var notifications = Replica.Coordination.TakeNotifications();
        Applied?.Invoke(this, new StoreNodeAppliedEventArgs(e.Index, e.Result, notifications));
    }

    /// <summary>
    /// The leader changed: reads forwarded to another leader may never be answered (it may be dead), and a read can
    /// safely be asked again, so the client is told NotLeader now. A forwarded proposal is left alone: it may have
    /// been committed, and only silence (unknown) is honest about that.
    /// </summary>
    private void AbandonReads(INodeContext<RaftMessage, RaftRecord> context)
    {
        foreach (var (tag, origin) in _forwarded.Where(f => f.Value.Read && f.Value.Leader != Core.Leader).ToList())
        {
            _forwarded.Remove(tag);
            context.Send(origin.Client, new RaftMessage.ClientReply(origin.Tag, RaftReplyStatus.NotLeader, Core.Leader == context.Self ? 0 : Core.Leader, 0, []));
        }
    }

    private void DropStaleForwards()
    {
        if (_forwarded.Count == 0)
        {
            return;
        }

        foreach (long tag in _forwarded.Where(f => _now - f.Value.Sent > ForwardLifetime).Select(f => f.Key).ToList())
        {
            _forwarded.Remove(tag);
        }
    }
}
