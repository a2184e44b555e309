namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// The leader's view of one follower (Ongaro &amp; Ousterhout 2014, Figure 2, nextIndex and matchIndex; the states
/// from etcd raft, tracker/progress.go). Probe sends one append at a time until the logs match; Replicate pipelines
/// appends optimistically within the inflight window; Snapshot waits for an InstallSnapshot to land.
/// </summary>
public sealed class Progress
{
    internal Progress(long next, int maxInflight)
    {
        Next = next;
        Inflights = new Inflights(maxInflight);
    }

    /// <summary>The highest index known replicated on the follower.</summary>
    public long Match { get; internal set; }

    /// <summary>The index of the next entry to send.</summary>
    public long Next { get; internal set; }

    /// <summary>How appends flow.</summary>
    public ProgressState State { get; private set; }

    /// <summary>In Probe: an append is out and unanswered, so no other is sent.</summary>
    public bool ProbeSent { get; internal set; }

    /// <summary>In Snapshot: the index of the snapshot sent.</summary>
    public long PendingSnapshot { get; private set; }

    /// <summary>Ticks spent in Snapshot (the snapshot is resent when it seems lost).</summary>
    internal int SnapshotTicks { get; set; }

    /// <summary>True when the follower answered since the last check-quorum round.</summary>
    public bool RecentActive { get; internal set; }

    /// <summary>The appends in flight.</summary>
    public Inflights Inflights { get; }

    /// <summary>True when no append may be sent now.</summary>
    public bool IsPaused => State switch
    {
        ProgressState.Probe => ProbeSent,
        ProgressState.Replicate => Inflights.Full,
        _ => true,
    };

    /// <summary>Back to probing from the follower's match (or just past a snapshot that landed).</summary>
    public void BecomeProbe()
    {
        Next = State == ProgressState.Snapshot ? Math.Max(Match + 1, PendingSnapshot + 1) : Match + 1;
        State = ProgressState.Probe;
        ProbeSent = false;
        PendingSnapshot = 0;
        Inflights.Reset();
    }

    /// <summary>The logs match: pipeline from the match.</summary>
    public void BecomeReplicate()
    {
        State = ProgressState.Replicate;
        Next = Match + 1;
        ProbeSent = false;
        PendingSnapshot = 0;
        Inflights.Reset();
    }

    /// <summary>A snapshot at <paramref name="index"/> is on its way.</summary>
    public void BecomeSnapshot(long index)
    {
        State = ProgressState.Snapshot;
        PendingSnapshot = index;
        SnapshotTicks = 0;
        Inflights.Reset();
    }

    /// <summary>A snapshot seems lost: probe again from the match, which leads to a fresh snapshot if still needed.</summary>
    internal void AbandonSnapshot()
    {
        PendingSnapshot = 0;
        BecomeProbe();
    }

    /// <summary>The follower's log ends at <paramref name="lastIndex"/>, below the match it acknowledged (it lost
    /// a truncated tail): lower the match and probe from there.</summary>
    public void LostEntries(long lastIndex)
    {
        Match = Math.Min(Match, Math.Max(0, lastIndex));
        if (State == ProgressState.Snapshot)
        {
            PendingSnapshot = 0;
        }

        State = ProgressState.Probe;
        BecomeProbe();
    }

    /// <summary>An ack up to <paramref name="index"/>: raises the match; true if it moved.</summary>
    public bool MaybeUpdate(long index)
    {
        bool updated = Match < index;
        if (updated)
        {
            Match = index;
            ProbeSent = false;
        }

        Next = Math.Max(Next, index + 1);
        return updated;
    }

    /// <summary>
    /// A rejection of the append after <paramref name="rejected"/>, with the follower's hint that the logs may match
    /// at or below <paramref name="matchHint"/>; false when the rejection is stale (an answer to an older append).
    /// </summary>
    public bool MaybeDecrementTo(long rejected, long matchHint)
    {
        if (State == ProgressState.Replicate)
        {
            if (rejected <= Match)
            {
                return false;
            }

            Next = Match + 1;
            return true;
        }

        if (Next - 1 != rejected)
        {
            return false;
        }

        Next = Math.Max(Math.Min(rejected, matchHint + 1), Match + 1);
        ProbeSent = false;
        return true;
    }
}
