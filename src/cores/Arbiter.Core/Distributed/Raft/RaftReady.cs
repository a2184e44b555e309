namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// A batch of work the core hands its driver (etcd raft, rawnode.go <c>Ready</c>): persist the hard state, the
/// entries and the snapshot; then send the messages; apply the committed entries; serve the read states; then call
/// <see cref="RaftCore.Advance"/>. Persisting first is what makes the messages safe to send (Figure 2: "respond
/// after updating stable storage").
/// </summary>
public sealed class RaftReady
{
    internal RaftReady(HardState? hardState, IReadOnlyList<RaftEntry> entries, RaftSnapshot? snapshot,
        IReadOnlyList<RaftEnvelope> messages, IReadOnlyList<RaftEntry> committedEntries, IReadOnlyList<ReadState> readStates)
    {
        HardState = hardState;
        Entries = entries;
        Snapshot = snapshot;
        Messages = messages;
        CommittedEntries = committedEntries;
        ReadStates = readStates;
    }

    /// <summary>The hard state to persist, when it changed.</summary>
    public HardState? HardState { get; }

    /// <summary>Entries to persist (they replace any at or after the first one's index).</summary>
    public IReadOnlyList<RaftEntry> Entries { get; }

    /// <summary>A leader's snapshot to persist and restore into the state machine, or null.</summary>
    public RaftSnapshot? Snapshot { get; }

    /// <summary>Messages to send, after persisting.</summary>
    public IReadOnlyList<RaftEnvelope> Messages { get; }

    /// <summary>Committed entries to apply, in order.</summary>
    public IReadOnlyList<RaftEntry> CommittedEntries { get; }

    /// <summary>Confirmed reads: each may be served once the state machine applied its index.</summary>
    public IReadOnlyList<ReadState> ReadStates { get; }
}
