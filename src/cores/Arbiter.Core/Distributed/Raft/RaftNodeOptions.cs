namespace Arbiter.Core.Distributed.Raft;

/// <summary>How a <see cref="RaftNode"/> runs its core on the node runtime.</summary>
public sealed record RaftNodeOptions
{
    /// <summary>The group's Raft configuration (voters, ticks, features).</summary>
    public required RaftOptions Raft { get; init; }

    /// <summary>The local time of one tick: election timeout = ElectionTicks × this (randomised up to twice).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Take a snapshot and compact the log once this many entries were applied since the last one (0: never);
    /// each server adds (its id mod 8) eighths of it, so that servers do not pause for snapshots at the same moment.</summary>
    public int SnapshotEvery { get; init; }
}
