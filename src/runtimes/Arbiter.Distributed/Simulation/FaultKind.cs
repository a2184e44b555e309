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
}
