namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// What a Raft server must persist before it answers (Ongaro &amp; Ousterhout 2014, Figure 2, "persistent state"):
/// its current term and the candidate it voted for in that term. The commit index rides along whenever the record is
/// written anyway (etcd does the same), so a restart re-applies most committed entries without waiting for a leader;
/// a change of the commit index alone is not written (<see cref="RaftNode"/>: etcd's MustSync).
/// </summary>
/// <param name="Term">The latest term the server has seen.</param>
/// <param name="Vote">The candidate it voted for in <paramref name="Term"/>, or 0 for none.</param>
/// <param name="Commit">The highest index it knows committed.</param>
/// <param name="Recovering">True while the server, after its storage was truncated, waits for a leader to restore
/// it: durable, so a plain crash before it rejoins does not make it forget that it may have lost a promise.</param>
public readonly record struct HardState(long Term, int Vote, long Commit, bool Recovering = false);
