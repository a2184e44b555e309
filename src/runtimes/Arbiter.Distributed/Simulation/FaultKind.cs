namespace Arbiter.Distributed.Simulation;

/// <summary>What a <see cref="Fault"/> does.</summary>
public enum FaultKind
{
    /// <summary>Split the network into groups; messages between groups are dropped until healed.</summary>
    Partition,

    /// <summary>Remove every partition.</summary>
    Heal,

    /// <summary>Crash a node: it loses everything it did not persist, its timers and its in-flight deliveries.</summary>
    Crash,

    /// <summary>Restart a crashed node as a fresh instance that recovers its persisted records.</summary>
    Restart,

    /// <summary>Set the network's loss probability.</summary>
    Loss,

    /// <summary>Set the network's duplication probability.</summary>
    Duplicate,

    /// <summary>
    /// Corrupt the tail of a node's stable storage: the node crashes (if up), loses its last persisted record, and on
    /// its next restart is told its storage was cut (<c>RecoveredTruncated</c>). Models a torn or corrupt write-ahead
    /// log; the restart is scheduled separately, as after a crash.
    /// </summary>
    CorruptTail,
}
