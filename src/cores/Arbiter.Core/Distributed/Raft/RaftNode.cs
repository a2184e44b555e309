using System.Diagnostics;

namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// Runs a <see cref="RaftCore"/> on the node runtime (<see cref="INode{TMessage, TRecord}"/>): messages from voters
/// go to <see cref="RaftCore.Step"/>, a periodic timer to <see cref="RaftCore.Tick"/>, and every call ends by
/// draining the core's <see cref="RaftReady"/> — persist (or compact), send, apply to the
/// <see cref="IRaftStateMachine"/>, answer clients.
/// </summary>
/// <remarks>
/// <para>Source: the driver loop of etcd raft's rawnode.go (Ready → persist → send → apply → Advance), with the
/// runtime's contract doing the ordering: records requested in a call are durable before its messages leave.</para>
/// <para>Raft server messages are taken from any node but the pseudo-client (id 0), members or not: a server that
/// missed the entries adding servers must still hear the leader a later configuration elected, or it never catches
/// up (the membership sweep found exactly that when only known members were heard). What counts is the core's
/// business: the term rules, votes only from voters of its configuration, acks only from members. Clients are the
/// pseudo-client and any node that sends client messages; they are answered whether members or not. A
/// <see cref="RaftMessage.ClientConfChange"/> is handled like a proposal (Failed at once, with the reason, when the
/// leader refuses it); configuration entries are not given to the state machine. A <see cref="RaftMessage.ClientPropose"/>
/// is answered when its entry is applied (Ok with the result), or Failed if another entry was committed at its index
/// (its leader's term was lost before commit); a server that is not the leader answers NotLeader with a hint. A read
/// is served by ReadIndex, by lease, or locally (<see cref="RaftReadMode"/>). Outstanding requests die with the
/// server when it crashes, and a proposal whose index a leader's snapshot covers gets no answer: the client's
/// timeout then means "unknown".</para>
/// <para>Cost per call: the core's step plus O(records persisted + messages + entries applied); a snapshot costs
/// the state machine's <c>Snapshot</c>; the rewrite of the retained log is the runtime's, in the background
/// (<c>CompactInBackground</c>) when the snapshot is the node's own.</para>
/// </remarks>
public sealed class RaftNode : INode<RaftMessage, RaftRecord>
{
    /// <summary>The name of the tick timer.</summary>
    public const string TickTimer = "raft.tick";

    private readonly RaftNodeOptions _options;
    private readonly Dictionary<long, (int Client, long Tag, long Term)> _proposals = [];
    private readonly Dictionary<long, (int Client, long Tag, byte[] Query)> _reads = [];
    private readonly List<(long Index, int Client, long Tag, byte[] Query)> _confirmed = [];
    private long _nextContext;
    private long _leaderTermObserved;
    private HardState _stableHard;
    private bool _recovering;
    private RaftConfiguration? _configurationObserved;

    /// <summary>Creates a server that replicates <paramref name="stateMachine"/>.</summary>
    public RaftNode(RaftNodeOptions options, IRaftStateMachine stateMachine)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stateMachine);
        _options = options;
        StateMachine = stateMachine;
    }

    /// <summary>The core (null until started).</summary>
    public RaftCore Core { get; private set; } = null!;

    /// <summary>The replicated state machine.</summary>
    public IRaftStateMachine StateMachine { get; }

    /// <inheritdoc/>
    public void Start(INodeContext<RaftMessage, RaftRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RaftRecovered recovered = RaftRecovered.Fold(context.Recovered, context.RecoveredTruncated);
        Core = new RaftCore(context.Self, _options.Raft, recovered, context.Random);
        _stableHard = recovered.HardState;
        _recovering = Core.Recovering;
        if (recovered.Snapshot is { } snapshot)
        {
            StateMachine.Restore(snapshot.Data);
        }

        context.SetTimer(TickTimer, _options.TickInterval);
        Drain(context);
    }

    /// <inheritdoc/>
    public void Receive(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case RaftMessage.ClientPropose propose:
                Propose(context, from, propose);
                break;
            case RaftMessage.ClientRead read:
                Read(context, from, read);
                break;
            case RaftMessage.ClientConfChange change:
                ProposeConfChange(context, from, change);
                break;
            case RaftMessage.ClientReply:
                break;
            default:
                if (from != 0)
                {
                    Core.Step(from, message);
                }

                break;
        }

        Drain(context);
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<RaftMessage, RaftRecord> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (timer == TickTimer)
        {
            Core.Tick();
            context.SetTimer(TickTimer, _options.TickInterval);
        }

        Drain(context);
    }

    /// <summary>Starts an election at once (a test's or operator's nudge; the timeout would do it anyway).</summary>
    public void Campaign(INodeContext<RaftMessage, RaftRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Core.Campaign();
        Drain(context);
    }

    private void Propose(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage.ClientPropose propose)
    {
        long index = Core.Propose(propose.Data);
        if (index == 0)
        {
            context.Send(from, new RaftMessage.ClientReply(propose.Tag, RaftReplyStatus.NotLeader, LeaderHint, 0, []));
            return;
        }

        _proposals[index] = (from, propose.Tag, Core.Term);
    }

    private void ProposeConfChange(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage.ClientConfChange change)
    {
        RaftConfChangeResult result = Core.ProposeConfChange(change.Change);
        if (!result.Accepted)
        {
            context.Send(from, result.NotLeader
                ? new RaftMessage.ClientReply(change.Tag, RaftReplyStatus.NotLeader, LeaderHint, 0, [])
                : new RaftMessage.ClientReply(change.Tag, RaftReplyStatus.Failed, 0, 0, System.Text.Encoding.UTF8.GetBytes(result.Refusal ?? "refused")));
            return;
        }

        _proposals[result.Index] = (from, change.Tag, Core.Term);
    }

    private int LeaderHint => Core.Leader == Core.Id ? 0 : Core.Leader;

    private void Read(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage.ClientRead read)
    {
        if (read.Mode == RaftReadMode.Serializable)
        {
            context.Send(from, new RaftMessage.ClientReply(read.Tag, RaftReplyStatus.Ok, Core.Leader, Core.Log.Applied, StateMachine.Query(read.Query)));
            return;
        }

        long token = ++_nextContext;
        if (!Core.ReadIndex(token, read.Mode == RaftReadMode.Lease))
        {
            context.Send(from, new RaftMessage.ClientReply(read.Tag, RaftReplyStatus.NotLeader, LeaderHint, 0, []));
            return;
        }

        _reads[token] = (from, read.Tag, read.Query);
    }

    private void Drain(INodeContext<RaftMessage, RaftRecord> context)
    {
        while (Core.HasReady)
        {
            RaftReady ready = Core.Ready();
            if (ready.Snapshot is { } snapshot)
            {
                // InstallSnapshot: the log is replaced, so stable storage is rewritten, atomically (Compact).
                StateMachine.Restore(snapshot.Data);
                context.Compact(StorageImage());
                context.Observe(new RaftSnapshotEvent(context.Self, snapshot.Index, snapshot.Term, Installed: true));
                _proposals.Keys.Where(i => i <= snapshot.Index).ToList().ForEach(i => _proposals.Remove(i));
            }
            else
            {
                // Entries first, then the hard state: a commit index must never reach storage ahead of the
                // entries it covers, or a cut tail (losing the entries record) would leave it pointing at an
                // older entry at the same index — one that a later record had overwritten.
                if (ready.Entries.Count > 0)
                {
                    context.Persist(new RaftRecord.EntriesRecord(ready.Entries));
                }

                if (ready.HardState is { } hard && MustPersist(hard, ready.Entries.Count > 0))
                {
                    context.Persist(new RaftRecord.HardStateRecord(hard));
                    _stableHard = hard;
                }
            }

            foreach (RaftEnvelope envelope in ready.Messages)
            {
                if (envelope.Early)
                {
                    context.SendEarly(envelope.To, envelope.Message);
                }
                else
                {
                    context.Send(envelope.To, envelope.Message);
                }
            }

            foreach (RaftEntry entry in ready.CommittedEntries)
            {
                Apply(context, entry);
            }

            Core.Advance(ready);
            foreach (ReadState state in ready.ReadStates)
            {
                if (_reads.Remove(state.Context, out var read))
                {
                    _confirmed.Add((state.Index, read.Client, read.Tag, read.Query));
                }
            }

            ServeConfirmedReads(context);
            MaybeSnapshot(context);
        }

        if (Core.Role == RaftRole.Leader && _leaderTermObserved != Core.Term)
        {
            _leaderTermObserved = Core.Term;
            context.Observe(new RaftBecameLeader(context.Self, Core.Term, Core.Log.LastIndex));
        }

        // Compared with the last drain, not with the start of this one: the step that clears the flag (an append
        // from the leader) runs in Receive, before Drain.
        if (_recovering && !Core.Recovering)
        {
            context.Observe(new RaftRejoined(context.Self, Core.Term));
        }

        _recovering = Core.Recovering;
        ObserveConfiguration(context);

        if (Core.Role != RaftRole.Leader && _reads.Count > 0)
        {
            // Unconfirmed reads cannot be confirmed by a server that no longer leads.
            foreach (var (_, read) in _reads)
            {
                context.Send(read.Client, new RaftMessage.ClientReply(read.Tag, RaftReplyStatus.NotLeader, LeaderHint, 0, []));
            }

            _reads.Clear();
        }
    }

    /// <summary>Reports the configuration in force when it differs from the one last reported (cheap: usually the same object).</summary>
    private void ObserveConfiguration(INodeContext<RaftMessage, RaftRecord> context)
    {
        RaftConfiguration now = Core.Configuration;
        if (!ReferenceEquals(now, _configurationObserved) && !now.Equals(_configurationObserved))
        {
            context.Observe(new RaftConfigurationChanged(context.Self, Core.Log.ConfigurationIndex, now));
        }

        _configurationObserved = now;
    }

    private void Apply(INodeContext<RaftMessage, RaftRecord> context, RaftEntry entry)
    {
        byte[] result = entry.IsNoop || entry.IsConfiguration ? [] : StateMachine.Apply(entry.Index, entry.Data);
        context.Observe(new RaftEntryApplied(context.Self, entry.Index, entry.Term, RaftHash.OfEntry(entry)));
        if (entry.Configuration is { } configuration)
        {
            context.Observe(new RaftConfigurationApplied(context.Self, entry.Index, configuration));
        }

        if (_proposals.Remove(entry.Index, out var proposal))
        {
            // Same index and term: our entry (log matching). Another term: ours was overwritten, never to commit.
            bool ours = proposal.Term == entry.Term;
            context.Send(proposal.Client, new RaftMessage.ClientReply(proposal.Tag,
                ours ? RaftReplyStatus.Ok : RaftReplyStatus.Failed, ours ? 0 : LeaderHint, entry.Index, ours ? result : []));
        }
    }

    private void ServeConfirmedReads(INodeContext<RaftMessage, RaftRecord> context)
    {
        // §6.4 step 4: a confirmed read is served once the state machine has caught up with its read index.
        for (int i = 0; i < _confirmed.Count; i++)
        {
            var (index, client, tag, query) = _confirmed[i];
            if (Core.Log.Applied >= index)
            {
                context.Send(client, new RaftMessage.ClientReply(tag, RaftReplyStatus.Ok, 0, index, StateMachine.Query(query)));
                _confirmed.RemoveAt(i--);
            }
        }
    }

    private void MaybeSnapshot(INodeContext<RaftMessage, RaftRecord> context)
    {
        RaftLog log = Core.Log;
        if (_options.SnapshotEvery <= 0 || log.Applied - log.SnapshotIndex < SnapshotThreshold(context.Self) || log.StableIndex < log.LastIndex)
        {
            return;
        }

        RaftSnapshot snapshot = Core.Compact(log.Applied, StateMachine.Snapshot());

        // In the background (etcd saves its snapshots off the raft loop too): this snapshot only summarises entries
        // the node already holds durably, so nothing waits for the image — a crash before it is on disk recovers
        // the old log, which folds to the same state. The one in the InstallSnapshot path, by contrast, must be
        // durable before the follower acknowledges it (Compact). The hard state in the image adds nothing the
        // storage lacks: its term, vote and recovery flag were persisted by this drain (MustPersist), only the
        // commit index may be newer.
        Debug.Assert(!MustPersist(Core.HardState, withEntries: false), "the image's term and vote are already stable");
        context.CompactInBackground(StorageImage());
        context.Observe(new RaftSnapshotEvent(context.Self, snapshot.Index, snapshot.Term, Installed: false));
    }

    /// <summary>
    /// Entries applied since the last snapshot that make this server take the next: <c>SnapshotEvery</c> plus
    /// id mod 8 eighths of it. Servers apply the same entries at about the same moment, so with one threshold
    /// they would all pause for their snapshots together — and two followers paused together leave a leader of three
    /// without a quorum for that long. Offset, their pauses fall apart (1,250 entries apart at the default 10,000),
    /// and each server keeps its phase, since it counts from its own last snapshot.
    /// </summary>
    private long SnapshotThreshold(int self) => _options.SnapshotEvery + ((long)_options.SnapshotEvery * (self % 8) / 8);

    /// <summary>
    /// etcd raft's <c>MustSync</c>: a hard state must reach storage before the step's messages leave only if its term,
    /// vote or recovery flag changed (Figure 2's persistent state), or if entries are written anyway (then it costs
    /// nothing more). A commit index alone is volatile state (Figure 2): a restart that finds an older one learns the
    /// newer from the leader. Without this a leader would fsync once more per commit before answering its client.
    /// </summary>
    private bool MustPersist(HardState hard, bool withEntries) =>
        withEntries || hard.Term != _stableHard.Term || hard.Vote != _stableHard.Vote || hard.Recovering != _stableHard.Recovering;

    /// <summary>Everything stable storage must hold: the snapshot, the hard state and the retained entries.</summary>
    private List<RaftRecord> StorageImage()
    {
        var records = new List<RaftRecord>(3);
        if (Core.Log.Snapshot is { } snapshot)
        {
            records.Add(new RaftRecord.SnapshotRecord(snapshot));
        }

        records.Add(new RaftRecord.HardStateRecord(Core.HardState));
        _stableHard = Core.HardState;
        if (Core.Log.Entries.Count > 0)
        {
            records.Add(new RaftRecord.EntriesRecord([.. Core.Log.Entries]));
        }

        return records;
    }
}
