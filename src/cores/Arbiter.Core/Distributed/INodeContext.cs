namespace Arbiter.Core.Distributed;

/// <summary>
/// What a node sees of the world during one call, and the only way it acts on it. The runtime buffers every effect
/// and applies it after the call returns (see <see cref="INode{TMessage, TRecord}"/> for the order).
/// </summary>
/// <typeparam name="TMessage">The algorithm's message type.</typeparam>
/// <typeparam name="TRecord">What the node persists.</typeparam>
public interface INodeContext<TMessage, TRecord>
{
    /// <summary>This node's id. Ids are positive and unique within a run (the seeds' P1, P2, …).</summary>
    int Self { get; }

    /// <summary>Every node of the group, this one included, in ascending order of id.</summary>
    IReadOnlyList<int> Members { get; }

    /// <summary>
    /// This node's local clock. In the simulator it is the true virtual time distorted by the node's skew and
    /// drift, so two nodes may disagree; clock-synchronisation algorithms read it and nothing else.
    /// </summary>
    TimeSpan Now { get; }

    /// <summary>
    /// A random source for the node's own choices (randomised timeouts, lottery). The simulator derives it from the
    /// run's seed, so a seed reproduces a run; a node must use nothing else for randomness.
    /// </summary>
    Random Random { get; }

    /// <summary>Records this node persisted before its last crash, in the order persisted; empty on a first start.</summary>
    IReadOnlyList<TRecord> Recovered { get; }

    /// <summary>
    /// True when the runtime found a torn or corrupt tail in this node's stable storage and cut it off, so
    /// <see cref="Recovered"/> may lack records the node persisted — and acted on — before it crashed.
    /// </summary>
    /// <remarks>
    /// A crash in the middle of a write also leaves a torn tail, and the runtime cannot tell that harmless case from
    /// disk corruption; so a node whose safety rests on its records (a Raft voter's term, vote and log) must treat
    /// any truncation as "I may have forgotten a promise" and stay out of decisions until peers have restored it.
    /// </remarks>
    bool RecoveredTruncated { get; }

    /// <summary>Sends <paramref name="message"/> to node <paramref name="destination"/> (which may be this node).</summary>
    void Send(int destination, TMessage message);

    /// <summary>
    /// Sends <paramref name="message"/> to node <paramref name="destination"/> without waiting for stable storage:
    /// the runtime may let it leave as soon as the call returns, before the records persisted by this call — or by
    /// any earlier call — are durable. A crash may then lose those records after the message was delivered.
    /// </summary>
    /// <remarks>
    /// Only for a message whose meaning depends on no record that may not be durable yet (a Raft leader's append
    /// once its term is on disk, dissertation §10.2.1: the follower writes the entries while the leader does).
    /// The node must know this by itself, e.g. from an ordinary message it sent itself after persisting, which
    /// arrives only once that is durable. The default sends it like <see cref="Send"/>, which is always safe;
    /// the TCP host sends it at the end of the call, before its batch's fsync; the simulator with a disk latency
    /// sends it before the write it models completes, so a crash in between loses the records but not the message.
    /// </remarks>
    void SendEarly(int destination, TMessage message) => Send(destination, message);

    /// <summary>
    /// Sets the timer <paramref name="name"/> to fire after <paramref name="delay"/> of this node's local time,
    /// replacing a pending timer of the same name (so "reset the election timeout" is one call).
    /// </summary>
    void SetTimer(string name, TimeSpan delay);

    /// <summary>Cancels the pending timer <paramref name="name"/>, if any.</summary>
    void CancelTimer(string name);

    /// <summary>Appends <paramref name="record"/> to this node's stable storage; it survives crashes.</summary>
    void Persist(TRecord record);

    /// <summary>
    /// Replaces everything in this node's stable storage — including records persisted earlier in this same call —
    /// with <paramref name="records"/> (log compaction: a snapshot and the entries after it replace the old log).
    /// </summary>
    /// <remarks>
    /// Atomic: after a crash the node recovers either the old records or the new ones, never a mixture; records
    /// persisted later in the call follow the new ones. It costs a rewrite of the retained records, so call it
    /// rarely (after a snapshot), not per step.
    /// </remarks>
    void Compact(IReadOnlyList<TRecord> records);

    /// <summary>
    /// Like <see cref="Compact"/>, but the runtime may take its time: <paramref name="records"/> may replace
    /// stable storage whenever that is done, and until then the old storage — with every record persisted before
    /// and after this call — stays the truth. For compaction the node decides on its own (a snapshot of state it
    /// has applied, whose log is still on disk); an installed snapshot must use <see cref="Compact"/>.
    /// </summary>
    /// <remarks>
    /// <para>After a crash the node recovers either everything persisted (the old records, this call's earlier
    /// ones and all later ones) or <paramref name="records"/> followed by what was persisted after this call —
    /// never a mixture — so the two must fold to the same state: <paramref name="records"/> must summarise what
    /// was persisted up to the call, this call's earlier records included (unlike <see cref="Compact"/>, they are
    /// still written). The runtime may skip the request while an earlier one is under way (that one's image plus
    /// the later records still say everything). The node's messages do not wait for it.</para>
    /// <para>The default does it at once with <see cref="Compact"/> (the simulator and simple hosts); the TCP
    /// host writes the new file on a background thread and switches to it between batches.</para>
    /// </remarks>
    void CompactInBackground(IReadOnlyList<TRecord> records) => Compact(records);

    /// <summary>
    /// Reports a change of state worth seeing — entering a critical section, electing a leader, deciding a value —
    /// to the trace and to the invariant checkers, which match on the observation's type. Observations do not
    /// affect the run.
    /// </summary>
    void Observe(object observation);
}
