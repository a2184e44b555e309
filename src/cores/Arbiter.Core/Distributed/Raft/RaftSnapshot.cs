namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// A snapshot of the state machine at a log position (Ongaro &amp; Ousterhout 2014, §7): every entry up to
/// <see cref="Index"/> is folded into <see cref="Data"/>, so the log before it can be dropped.
/// </summary>
/// <param name="Index">The last entry the snapshot includes.</param>
/// <param name="Term">That entry's term (for the consistency check of the entry after it).</param>
/// <param name="Data">The state machine's bytes (opaque to Raft).</param>
public sealed record RaftSnapshot(long Index, long Term, byte[] Data)
{
    /// <summary>The configuration at <see cref="Index"/> (dissertation §4.1 and §5.1: the snapshot replaces the
    /// configuration entries it covers, so it must carry the latest of them); null in snapshots written before
    /// membership changes existed (the group's initial configuration is then assumed).</summary>
    public RaftConfiguration? Configuration { get; init; }
}
