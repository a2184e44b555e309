namespace Arbiter.Distributed.Simulation;

/// <summary>What a <see cref="TraceEvent"/> records.</summary>
public enum TraceKind
{
    /// <summary>The node started (first start, or after a restart: see <see cref="TraceEvent.Incarnation"/>).</summary>
    Start,

    /// <summary>The node sent a message (<see cref="TraceEvent.Peer"/> is the destination).</summary>
    Send,

    /// <summary>A message was delivered to the node (<see cref="TraceEvent.Peer"/> is the sender).</summary>
    Receive,

    /// <summary>The network dropped a message (node = sender, peer = destination; detail: loss, partition or down).</summary>
    Drop,

    /// <summary>A timer of the node fired.</summary>
    Timer,

    /// <summary>The node reported an observation (a change of state worth seeing).</summary>
    Observe,

    /// <summary>The node persisted a record.</summary>
    Persist,

    /// <summary>An external input was delivered to the node from the pseudo-client (peer 0).</summary>
    Input,

    /// <summary>The node crashed.</summary>
    Crash,

    /// <summary>The network was partitioned (node 0; detail gives the groups).</summary>
    Partition,

    /// <summary>The partition was healed (node 0).</summary>
    Heal,

    /// <summary>The node answered the pseudo-client (peer 0): an output of the system, outside the network.</summary>
    Output,
}
