namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// A read the leader has confirmed (Ongaro's dissertation, 2014, §6.4): it may be served once the state machine has
/// applied <paramref name="Index"/>.
/// </summary>
/// <param name="Index">The commit index when the read arrived.</param>
/// <param name="Context">The caller's token for the read.</param>
public readonly record struct ReadState(long Index, long Context);
