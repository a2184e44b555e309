namespace Arbiter.Core.Distributed.Raft;

/// <summary>The role a Raft server plays (Ongaro &amp; Ousterhout 2014, §5.1; pre-candidate: the dissertation, §9.6).</summary>
public enum RaftRole
{
    /// <summary>Passive: answers leaders and candidates.</summary>
    Follower,

    /// <summary>Asks whether it could win an election, without raising its term (pre-vote).</summary>
    PreCandidate,

    /// <summary>Raised its term and asks for votes.</summary>
    Candidate,

    /// <summary>Takes proposals and replicates the log.</summary>
    Leader,
}
