namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// The messages of Raft (Ongaro &amp; Ousterhout 2014, Figure 2; pre-vote and leadership transfer from Ongaro's
/// dissertation, 2014, §9.6 and §3.10) and of its clients. Server messages carry the sender's term; the sender's id
/// is the runtime's <c>from</c>.
/// </summary>
public abstract record RaftMessage
{
    /// <summary>RequestVote (§5.2), or a pre-vote (§9.6) that asks "would you vote for me at <paramref name="Term"/>?".</summary>
    /// <param name="Term">The candidate's term (for a pre-vote: the term it would campaign in).</param>
    /// <param name="LastIndex">The index of the candidate's last entry (§5.4.1).</param>
    /// <param name="LastTerm">The term of that entry.</param>
    /// <param name="PreVote">True for a pre-vote.</param>
    /// <param name="Transfer">True when the leader asked for this election (§3.10): voters ignore their lease.</param>
    public sealed record VoteRequest(long Term, long LastIndex, long LastTerm, bool PreVote, bool Transfer) : RaftMessage;

    /// <summary>The answer to a <see cref="VoteRequest"/>.</summary>
    /// <param name="Term">The voter's term (for a granted pre-vote: the term asked about).</param>
    /// <param name="Granted">True when the vote is granted.</param>
    /// <param name="PreVote">True when it answers a pre-vote.</param>
    public sealed record VoteResponse(long Term, bool Granted, bool PreVote) : RaftMessage;

    /// <summary>AppendEntries (§5.3): entries after (<paramref name="PrevIndex"/>, <paramref name="PrevTerm"/>).</summary>
    /// <param name="Term">The leader's term.</param>
    /// <param name="PrevIndex">The index of the entry just before the new ones.</param>
    /// <param name="PrevTerm">Its term (the consistency check).</param>
    /// <param name="Entries">The entries (possibly none).</param>
    /// <param name="Commit">The leader's commit index.</param>
    public sealed record AppendRequest(long Term, long PrevIndex, long PrevTerm, IReadOnlyList<RaftEntry> Entries, long Commit) : RaftMessage;

    /// <summary>The answer to an <see cref="AppendRequest"/> (or to a stale leader: a bare notice of a newer term).</summary>
    /// <param name="Term">The follower's term.</param>
    /// <param name="Success">True when the entries were appended.</param>
    /// <param name="Index">On success the follower's last matching index; on rejection the rejected PrevIndex.</param>
    /// <param name="HintIndex">On rejection: an index at or below which the logs may match (fast backoff, §5.3).</param>
    /// <param name="HintTerm">On rejection: the follower's term at <paramref name="HintIndex"/> (0 if unknown).</param>
    public sealed record AppendResponse(long Term, bool Success, long Index, long HintIndex, long HintTerm) : RaftMessage;

    /// <summary>An empty AppendEntries that asserts leadership and carries the commit index (§5.2), and a ReadIndex round (§6.4).</summary>
    /// <param name="Term">The leader's term.</param>
    /// <param name="Commit">The commit index, capped at what the follower is known to hold.</param>
    /// <param name="Context">The latest pending read's token (0: none).</param>
    public sealed record Heartbeat(long Term, long Commit, long Context) : RaftMessage;

    /// <summary>The answer to a <see cref="Heartbeat"/>.</summary>
    /// <param name="Term">The follower's term.</param>
    /// <param name="Context">The token the heartbeat carried.</param>
    public sealed record HeartbeatResponse(long Term, long Context) : RaftMessage;

    /// <summary>InstallSnapshot (§7): the leader's snapshot, for a follower that needs compacted entries.</summary>
    /// <param name="Term">The leader's term.</param>
    /// <param name="Snapshot">The snapshot.</param>
    public sealed record InstallSnapshot(long Term, RaftSnapshot Snapshot) : RaftMessage;

    /// <summary>TimeoutNow (dissertation §3.10): "start an election now", from a leader handing over.</summary>
    /// <param name="Term">The leader's term.</param>
    public sealed record TimeoutNow(long Term) : RaftMessage;

    /// <summary>Client → server: append <paramref name="Data"/> to the log and answer with its result.</summary>
    /// <param name="Tag">The caller's tag, echoed in the reply.</param>
    /// <param name="Data">The command.</param>
    public sealed record ClientPropose(long Tag, byte[] Data) : RaftMessage;

    /// <summary>Client → server: query the state machine.</summary>
    /// <param name="Tag">The caller's tag, echoed in the reply.</param>
    /// <param name="Query">The query (opaque to Raft).</param>
    /// <param name="Mode">How strong the read must be.</param>
    public sealed record ClientRead(long Tag, byte[] Query, RaftReadMode Mode) : RaftMessage;

    /// <summary>Client → server: make one membership change (dissertation §4.1). Answered Ok once the configuration
    /// entry is applied, NotLeader with a hint, or Failed with the reason as UTF-8 in the reply's result (a change
    /// pending, a learner not caught up, a change that does not fit, or the entry lost with its leader's term).</summary>
    /// <param name="Tag">The caller's tag, echoed in the reply.</param>
    /// <param name="Change">The change.</param>
    public sealed record ClientConfChange(long Tag, RaftConfChange Change) : RaftMessage;

    /// <summary>Server → client: the outcome of a <see cref="ClientPropose"/> <see cref="ClientRead"/> or <see cref="ClientConfChange"/>.</summary>
    /// <param name="Tag">The request's tag.</param>
    /// <param name="Status">What happened.</param>
    /// <param name="Leader">When not leader: the leader this server knows of (0: none).</param>
    /// <param name="Index">The log index of the command, or the index the read reflects.</param>
    /// <param name="Result">The state machine's answer (empty unless <see cref="RaftReplyStatus.Ok"/>).</param>
    public sealed record ClientReply(long Tag, RaftReplyStatus Status, int Leader, long Index, byte[] Result) : RaftMessage;
}
