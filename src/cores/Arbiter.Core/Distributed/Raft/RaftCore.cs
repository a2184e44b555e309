using System.Diagnostics;

namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// Raft as a pure, deterministic state machine (etcd raft's <c>raft.go</c> + <c>rawnode.go</c> shape): the driver
/// feeds it messages (<see cref="Step"/>), clock ticks (<see cref="Tick"/>) and requests (<see cref="Propose"/>,
/// <see cref="ReadIndex"/>, <see cref="TransferLeadership"/>), and drains what it decided with
/// <see cref="Ready"/> / <see cref="Advance"/>. No clock, thread, file or socket inside.
/// </summary>
/// <remarks>
/// <para>Source: D. Ongaro and J. Ousterhout, "In Search of an Understandable Consensus Algorithm", USENIX ATC 2014
/// (§5.2 election, §5.3 replication, §5.4 safety incl. Figure 8, §7 compaction); D. Ongaro, "Consensus: Bridging
/// Theory and Practice", PhD thesis, Stanford 2014 (§3.10 leadership transfer, §6.2 check-quorum, §6.4 ReadIndex,
/// §6.4.1 leases, §9.6 pre-vote; chapter 4 membership changes: §4.1 one server at a time, §4.2.1 catching up
/// (etcd's learners), §4.2.2 removing the leader, §4.2.3 disruptive servers). Flow control (Probe/Replicate/
/// Snapshot, inflight window), the conflict-term backoff and learners' voting rule follow etcd's raft package.</para>
/// <para>Cost: a step is O(entries in the message) plus O(voters) for a commit check (a sort of the matches);
/// memory is the log after the last snapshot plus one <see cref="Progress"/> per member on the leader.</para>
/// <para>Membership: every quorum (elections, commitment, ReadIndex, check-quorum) is counted over the voters of
/// <see cref="Configuration"/>, the latest configuration in this server's log, committed or not (§4.1).</para>
/// </remarks>
public sealed partial class RaftCore
{
    private readonly RaftOptions _options;
    private readonly Random _random;
    private readonly Dictionary<int, Progress> _progress = [];
    private readonly Dictionary<int, bool> _votes = [];
    private readonly List<RaftEnvelope> _messages = [];
    private readonly List<ReadState> _readStates = [];
    private readonly PendingReads _reads = new();
    private readonly List<(long Context, bool Lease)> _readsAwaitingCommit = [];
    private HardState _persisted;
    private int _electionElapsed;
    private int _heartbeatElapsed;
    private int _randomizedElectionTimeout;

    // LeaderWritesInParallel: true once this leader has received its own acknowledgement in its term, which the
    // driver delivers only after persisting, so the term and vote are durable too (persisted no later than the entries).
    private bool _termDurable;

    /// <summary>Creates server <paramref name="id"/> from what it recovered (use <see cref="RaftRecovered.Empty"/> on a first start).</summary>
    /// <param name="id">This server's id (one of the voters, or a non-voter that only follows).</param>
    /// <param name="options">The group's configuration.</param>
    /// <param name="recovered">The state rebuilt from stable storage.</param>
    /// <param name="random">The source of randomised timeouts (seeded by the runtime for determinism).</param>
    public RaftCore(int id, RaftOptions options, RaftRecovered recovered, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recovered);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        Id = id;
        _options = options;
        _random = random;
        Log = new RaftLog(recovered, options.InitialConfiguration);
        Term = recovered.HardState.Term;
        Vote = recovered.HardState.Vote;
        _persisted = recovered.HardState with { Commit = Log.Committed };

        // A truncated store may have lost a vote or acknowledged entries (the dissertation treats lost storage as a new server):
        // stay out of elections until a leader has restored the log (see MaybeRejoin in the replication part).
        Recovering = (recovered.Truncated || recovered.HardState.Recovering) && options.GuardTruncatedStorage;
        BecomeFollower(Term, 0);
    }

    /// <summary>This server's id.</summary>
    public int Id { get; }

    /// <summary>The group's configuration.</summary>
    public RaftOptions Options => _options;

    /// <summary>The current term.</summary>
    public long Term { get; private set; }

    /// <summary>The candidate voted for in <see cref="Term"/> (0: none).</summary>
    public int Vote { get; private set; }

    /// <summary>The leader this server follows (itself when leader; 0: unknown).</summary>
    public int Leader { get; private set; }

    /// <summary>The current role.</summary>
    public RaftRole Role { get; private set; }

    /// <summary>The log.</summary>
    public RaftLog Log { get; }

    /// <summary>True while a server with truncated storage waits to be restored by a leader (it neither votes nor campaigns).</summary>
    public bool Recovering { get; private set; }

    /// <summary>While leader: the server leadership is being handed to (0: none).</summary>
    public int TransferTarget { get; private set; }

    /// <summary>The current hard state.</summary>
    public HardState HardState => new(Term, Vote, Log.Committed, Recovering);

    /// <summary>True when this server may vote and campaign: a voter of its configuration, storage intact.</summary>
    public bool Promotable => Configuration.IsVoter(Id) && !Recovering;

    /// <summary>The configuration in force here: the latest in the log, committed or not (dissertation §4.1).</summary>
    public RaftConfiguration Configuration => Log.Configuration;

    /// <summary>While leader: its view of <paramref name="follower"/>; else null.</summary>
    public Progress? ProgressOf(int follower) => Role == RaftRole.Leader && _progress.TryGetValue(follower, out Progress? p) ? p : null;

    /// <summary>True when <see cref="Ready"/> has something to hand out.</summary>
    public bool HasReady =>
        _messages.Count > 0 || _readStates.Count > 0 || !HardState.Equals(_persisted) || Log.UnstableSnapshot is not null
        || Log.StableIndex < Log.LastIndex || Log.Applied < Log.Committed;

    /// <summary>One tick of the logical clock: elections and heartbeats are counted in ticks.</summary>
    public void Tick()
    {
        _electionElapsed++;
        if (Role != RaftRole.Leader)
        {
            if (_electionElapsed >= _randomizedElectionTimeout)
            {
                _electionElapsed = 0;
                if (Promotable)
                {
                    Campaign(transfer: false);
                }
                else
                {
                    // A learner, a joiner or a removed server never campaigns, so nothing else would clear a leader
                    // it no longer hears from: forget it, or its NotLeader hints send clients to a stale leader
                    // forever (the membership sweep found two such servers pointing clients at each other).
                    Leader = 0;
                }
            }

            return;
        }

        _heartbeatElapsed++;
        if (_electionElapsed >= _options.ElectionTicks)
        {
            _electionElapsed = 0;
            if (_options.CheckQuorum && !QuorumActive())
            {
                BecomeFollower(Term, 0); // §6.2: a leader cut off from a majority steps down, so clients go elsewhere
                return;
            }

            TransferTarget = 0; // a transfer that did not finish within an election timeout is abandoned (§3.10)
        }

        foreach (var (_, pr) in _progress)
        {
            if (pr.State == ProgressState.Snapshot && ++pr.SnapshotTicks > _options.ElectionTicks)
            {
                pr.AbandonSnapshot();
            }
        }

        if (_heartbeatElapsed >= _options.HeartbeatTicks)
        {
            _heartbeatElapsed = 0;
            BroadcastHeartbeat();
        }
    }

    /// <summary>Starts an election now (as if the election timeout elapsed), with a pre-vote first if configured.</summary>
    public void Campaign() => Campaign(transfer: false);

    /// <summary>
    /// Appends <paramref name="data"/> to the log if this server leads and no transfer is under way; returns the
    /// entry's index (its term is <see cref="Term"/>), or 0 when not accepted.
    /// </summary>
    public long Propose(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Role != RaftRole.Leader || TransferTarget != 0)
        {
            return 0;
        }

        long index = AppendEntry(data);
        BroadcastAppend();
        return index;
    }

    /// <summary>
    /// Asks to confirm a read with token <paramref name="context"/> (non-zero): a <see cref="ReadState"/> appears in a
    /// later Ready. With <paramref name="lease"/> and check-quorum on, the leader answers at once from its lease
    /// (dissertation §6.4.1). Returns false when this server is not the leader.
    /// </summary>
    public bool ReadIndex(long context, bool lease = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(context);
        if (Role != RaftRole.Leader)
        {
            return false;
        }

        // §6.4 step 1: until it commits an entry of its own term, a new leader does not know the commit index.
        if (Log.Term(Log.Committed) != Term)
        {
            _readsAwaitingCommit.Add((context, lease));
            return true;
        }

        ServeRead(context, lease);
        return true;
    }

    /// <summary>
    /// Proposes one membership change (dissertation §4.1): appends a configuration entry holding the whole new
    /// configuration, which takes effect on this leader at once (and on each server as soon as it stores the entry).
    /// Refused (index 0, with the reason) when this server does not lead or a transfer is under way; before the
    /// leader has committed an entry of its own term (the 2015 fix of the single-server algorithm: otherwise a
    /// change from an earlier term still in flight could combine with this one into two non-overlapping majorities);
    /// while the previous change is uncommitted (one at a time); when the change does not fit the configuration;
    /// and for a promotion, until the learner's match is within <see cref="RaftOptions.LearnerCatchUpGap"/> of the
    /// leader's last index (§4.2.1).
    /// </summary>
    public RaftConfChangeResult ProposeConfChange(RaftConfChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Role != RaftRole.Leader)
        {
            return new(0, "not the leader", NotLeader: true);
        }

        if (TransferTarget != 0)
        {
            return new(0, Text($"leadership is being transferred to {TransferTarget}"));
        }

        if (Log.Term(Log.Committed) != Term)
        {
            return new(0, Text($"the leader has not yet committed an entry of its term {Term}"));
        }

        if (Log.ConfigurationIndex > Log.Committed)
        {
            return new(0, Text($"the previous configuration change (index {Log.ConfigurationIndex}) is not committed yet"));
        }

        RaftConfiguration current = Configuration;
        if (current.Check(change) is { } invalid)
        {
            return new(0, invalid);
        }

        if (change.Type == RaftConfChangeType.PromoteLearner)
        {
            long match = _progress[change.Node].Match;
            if (match < Log.LastIndex - _options.LearnerCatchUpGap)
            {
                return new(0, Text($"learner {change.Node} is not caught up (match {match}, leader's last index {Log.LastIndex}, allowed gap {_options.LearnerCatchUpGap})"));
            }
        }

        long index = AppendEntry([], current.Apply(change));
        BroadcastAppend();
        return new(index, null);
    }

    /// <summary>Hands leadership to <paramref name="target"/> (dissertation §3.10): it is brought up to date, then told
    /// to campaign at once. Proposals are refused meanwhile. Returns false when this server is not the leader.</summary>
    public bool TransferLeadership(int target)
    {
        if (Role != RaftRole.Leader || target == Id || !Configuration.IsVoter(target))
        {
            return false;
        }

        TransferTarget = target;
        _electionElapsed = 0;
        Progress pr = _progress[target];
        if (pr.Match == Log.LastIndex)
        {
            Send(target, new RaftMessage.TimeoutNow(Term));
        }
        else
        {
            SendAppend(target, sendIfEmpty: true);
        }

        return true;
    }

    /// <summary>
    /// Compacts the log into a snapshot of the state machine at applied index <paramref name="index"/> (§7). The
    /// driver then rewrites stable storage with the snapshot, the hard state and the retained entries.
    /// </summary>
    public RaftSnapshot Compact(long index, byte[] data) => Log.Compact(index, data);

    /// <summary>What to persist, send, apply and serve now (see <see cref="RaftReady"/>).</summary>
    public RaftReady Ready()
    {
        HardState hard = HardState;
        List<RaftEntry> entries = Log.Unstable();
        if (_options.LeaderWritesInParallel && Role == RaftRole.Leader && entries.Count > 0)
        {
            // §10.2.1: the leader's own copy counts once it is on disk. This acknowledgement is an ordinary message,
            // sent after the Ready's records are persisted, so its arrival is the proof (HandleAppendResponse).
            Send(Id, new RaftMessage.AppendResponse(Term, true, entries[^1].Index, 0, 0));
        }

        var ready = new RaftReady(
            hard.Equals(_persisted) ? null : hard,
            entries,
            Log.UnstableSnapshot,
            [.. _messages],
            Log.NextCommitted(),
            [.. _readStates]);
        _messages.Clear();
        _readStates.Clear();
        return ready;
    }

    /// <summary>The driver has done everything <paramref name="ready"/> asked.</summary>
    public void Advance(RaftReady ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        if (ready.HardState is { } h)
        {
            _persisted = h;
        }

        if (ready.Snapshot is { } s)
        {
            Log.SnapshotApplied(s);
        }

        if (ready.Entries.Count > 0)
        {
            RaftEntry last = ready.Entries[^1];
            Log.StableTo(last.Index, last.Term);
        }

        if (ready.CommittedEntries.Count > 0)
        {
            Log.AppliedTo(ready.CommittedEntries[^1].Index);
        }
    }

    private void Send(int to, RaftMessage message) => _messages.Add(new RaftEnvelope(to, message));

    /// <summary>Sends a message that depends on nothing not yet durable (see <see cref="RaftEnvelope.Early"/>).</summary>
    private void SendEarly(int to, RaftMessage message) => _messages.Add(new RaftEnvelope(to, message) { Early = true });

    private void ResetTerm(long term)
    {
        if (term != Term)
        {
            Term = term;
            Vote = 0;
        }

        Leader = 0;
        _electionElapsed = 0;
        _heartbeatElapsed = 0;
        _randomizedElectionTimeout = _options.ElectionTicks + _random.Next(_options.ElectionTicks);
        _votes.Clear();
        _termDurable = false;
        _reads.Clear();
        _readsAwaitingCommit.Clear();
        TransferTarget = 0;
    }

    private void BecomeFollower(long term, int leader)
    {
        ResetTerm(term);
        Role = RaftRole.Follower;
        Leader = leader;
    }

    private void BecomeLeader()
    {
        Debug.Assert(Role == RaftRole.Candidate, "only a candidate becomes leader");
        ResetTerm(Term);
        Role = RaftRole.Leader;
        Leader = Id;
        _progress.Clear();
        foreach (int member in Configuration.Members.Append(Id).Distinct())
        {
            // Only the leader itself counts as recently active: the others must answer within an election timeout.
            var pr = new Progress(Log.LastIndex + 1, _options.MaxInflight) { RecentActive = member == Id };
            _progress[member] = pr;
        }

        // §5.4.2 / §8: a leader commits entries of earlier terms only by committing one of its own term, so it
        // appends a no-op at once (the Figure 8 case: counting replicas of an old-term entry is not enough).
        AppendEntry([]);
        BroadcastAppend();
    }

    private long AppendEntry(byte[] data, RaftConfiguration? configuration = null)
    {
        long index = Log.LastIndex + 1;
        Log.Append([new RaftEntry(Term, index, data) { Configuration = configuration }]);
        if (configuration is not null)
        {
            SyncProgress(); // §4.1: the new configuration applies from the moment it is in the log
        }

        if (!_options.LeaderWritesInParallel)
        {
            // The driver persists before it sends anything, so the leader's copy will be durable before any
            // follower or client hears of a commit that counts it: count it now (a group of one commits at once).
            _progress[Id].MaybeUpdate(index);
            MaybeCommit();
        }

        return index;
    }

    /// <summary>The leader tracks exactly the members of its configuration (and itself, even once removed: it
    /// keeps replicating until the removal commits, §4.2.2).</summary>
    private void SyncProgress()
    {
        RaftConfiguration config = Configuration;
        foreach (int member in config.Members)
        {
            // A new member gets an election timeout of grace before check-quorum counts it as silent.
            _progress.TryAdd(member, new Progress(Log.LastIndex + 1, _options.MaxInflight) { RecentActive = true });
        }

        foreach (int id in _progress.Keys.Where(id => id != Id && !config.IsMember(id)).ToList())
        {
            _progress.Remove(id);
        }

        if (TransferTarget != 0 && !config.IsVoter(TransferTarget))
        {
            TransferTarget = 0;
        }
    }

    /// <summary>
    /// §4.2.2: a leader that removed itself keeps managing the group until the change commits (not counting itself
    /// in any majority), then steps down. It hands over at once with TimeoutNow (§3.10) to a voter that holds its
    /// whole log, if any, rather than leave the group to wait out an election timeout.
    /// </summary>
    private void MaybeStepDownRemoved()
    {
        if (Role != RaftRole.Leader || Configuration.IsVoter(Id) || Log.ConfigurationIndex > Log.Committed)
        {
            return;
        }

        int successor = Configuration.Voters.FirstOrDefault(v => _progress.TryGetValue(v, out Progress? p) && p.Match == Log.LastIndex);
        if (successor != 0)
        {
            Send(successor, new RaftMessage.TimeoutNow(Term));
        }

        BecomeFollower(Term, 0);
    }

    private bool QuorumActive()
    {
        RaftConfiguration config = Configuration;
        int active = 0;
        foreach (var (id, pr) in _progress)
        {
            // Only voters count; the leader counts itself only while it is one (§4.2.2).
            if (config.IsVoter(id) && (id == Id || pr.RecentActive))
            {
                active++;
            }

            pr.RecentActive = false;
        }

        return active >= config.Quorum;
    }

    private static string Text(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
