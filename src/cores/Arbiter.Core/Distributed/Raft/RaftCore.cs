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
/// §6.4.1 leases, §9.6 pre-vote). Flow control (Probe/Replicate/Snapshot, inflight window) and the conflict-term
/// backoff follow etcd's raft package.</para>
/// <para>Cost: a step is O(entries in the message) plus O(voters) for a commit check (a sort of the matches);
/// memory is the log after the last snapshot plus one <see cref="Progress"/> per voter on the leader.</para>
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
        Log = new RaftLog(recovered);
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

    /// <summary>True when this server may vote and campaign.</summary>
    public bool Promotable => _options.Voters.Contains(Id) && !Recovering;

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
            if (Promotable && _electionElapsed >= _randomizedElectionTimeout)
            {
                _electionElapsed = 0;
                Campaign(transfer: false);
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

    /// <summary>Hands leadership to <paramref name="target"/> (dissertation §3.10): it is brought up to date, then told
    /// to campaign at once. Proposals are refused meanwhile. Returns false when this server is not the leader.</summary>
    public bool TransferLeadership(int target)
    {
        if (Role != RaftRole.Leader || target == Id || !_options.Voters.Contains(target))
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
        var ready = new RaftReady(
            hard.Equals(_persisted) ? null : hard,
            Log.Unstable(),
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
        foreach (int voter in _options.Voters)
        {
            // Only the leader itself counts as recently active: the others must answer within an election timeout.
            var pr = new Progress(Log.LastIndex + 1, _options.MaxInflight) { RecentActive = voter == Id };
            _progress[voter] = pr;
        }

        // §5.4.2 / §8: a leader commits entries of earlier terms only by committing one of its own term, so it
        // appends a no-op at once (the Figure 8 case: counting replicas of an old-term entry is not enough).
        AppendEntry([]);
        BroadcastAppend();
    }

    private long AppendEntry(byte[] data)
    {
        long index = Log.LastIndex + 1;
        Log.Append([new RaftEntry(Term, index, data)]);
        Progress self = _progress[Id];
        self.MaybeUpdate(index);
        MaybeCommit(); // a group of one commits at once
        return index;
    }

    private bool QuorumActive()
    {
        int active = 0;
        foreach (var (id, pr) in _progress)
        {
            if (id == Id || pr.RecentActive)
            {
                active++;
            }

            pr.RecentActive = false;
        }

        return active >= _options.Quorum;
    }
}
