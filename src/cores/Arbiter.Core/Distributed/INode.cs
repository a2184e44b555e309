namespace Arbiter.Core.Distributed;

/// <summary>
/// A node of a distributed algorithm, written as a pure state machine: it is handed a message, a timer firing or
/// its start, and answers only through the <see cref="INodeContext{TMessage, TRecord}"/> it is given — messages
/// to send, timers to set or cancel, records to persist and observations for the trace.
/// </summary>
/// <remarks>
/// <para>The model is etcd's raft package (<c>Step</c>, <c>Tick</c>, <c>Ready</c>): no threads, sockets, clocks or
/// files inside a node. The same node type therefore runs unchanged in the deterministic simulator (virtual time,
/// faults, one seeded random source) and as a real process over TCP; only the runtime that drives it differs.</para>
/// <para>Contract the runtimes keep, and a node may rely on:</para>
/// <list type="bullet">
/// <item>Calls to one node are never concurrent, and each call runs to completion before the next begins.</item>
/// <item>Effects requested during a call are buffered and applied only after the call returns, in this order:
/// records are persisted (durable: fsync'd by the TCP runtime), then messages are sent, then timers change.
/// So a node never observes its own effects mid-step, and a message never leaves before the state that
/// justifies it is durable (Raft's "persist before you answer"). The one exception is a message the node sends
/// with <see cref="INodeContext{TMessage, TRecord}.SendEarly"/>, declaring that it depends on no record that is
/// not yet durable; it may leave first.</item>
/// <item>A crash loses everything but the persisted records. A restarted node is a fresh instance whose
/// <see cref="Start"/> sees those records in <see cref="INodeContext{TMessage, TRecord}.Recovered"/>.</item>
/// <item>Messages between two nodes may be lost, duplicated, delayed and reordered (the simulator's network
/// model decides); a node must not assume otherwise unless the algorithm states that assumption.</item>
/// </list>
/// </remarks>
/// <typeparam name="TMessage">The algorithm's message type (usually an abstract record with one subtype per kind).</typeparam>
/// <typeparam name="TRecord">What the node persists; <see cref="NoRecord"/> when it persists nothing.</typeparam>
public interface INode<TMessage, TRecord>
{
    /// <summary>Called once when the node starts, and again on a fresh instance after each crash and restart.</summary>
    void Start(INodeContext<TMessage, TRecord> context);

    /// <summary>Called when a message from node <paramref name="from"/> is delivered.</summary>
    void Receive(INodeContext<TMessage, TRecord> context, int from, TMessage message);

    /// <summary>Called when the timer named <paramref name="timer"/>, set earlier by this node, fires.</summary>
    void Fire(INodeContext<TMessage, TRecord> context, string timer);
}
