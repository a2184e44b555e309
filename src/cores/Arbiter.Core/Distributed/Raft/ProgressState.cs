namespace Arbiter.Core.Distributed.Raft;

/// <summary>How a leader replicates to one follower (etcd raft, tracker/progress.go).</summary>
public enum ProgressState
{
    /// <summary>The follower's match is unknown: one append at a time until one succeeds.</summary>
    Probe,

    /// <summary>The follower keeps up: appends are pipelined optimistically, up to the inflight window.</summary>
    Replicate,

    /// <summary>The follower needs entries the leader compacted away: a snapshot is on its way; appends wait.</summary>
    Snapshot,
}
