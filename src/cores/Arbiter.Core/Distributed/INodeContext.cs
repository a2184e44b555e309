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

    /// <summary>Sends <paramref name="message"/> to node <paramref name="destination"/> (which may be this node).</summary>
    void Send(int destination, TMessage message);

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
    /// Reports a change of state worth seeing — entering a critical section, electing a leader, deciding a value —
    /// to the trace and to the invariant checkers, which match on the observation's type. Observations do not
    /// affect the run.
    /// </summary>
    void Observe(object observation);
}
