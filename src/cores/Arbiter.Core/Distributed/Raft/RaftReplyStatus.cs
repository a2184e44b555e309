namespace Arbiter.Core.Distributed.Raft;

/// <summary>The outcome a server reports to a client.</summary>
public enum RaftReplyStatus
{
    /// <summary>The command was committed and applied (its result attached), or the read was served.</summary>
    Ok,

    /// <summary>This server is not the leader (the reply carries its best guess of who is, or 0); nothing was done.</summary>
    NotLeader,

    /// <summary>The command was appended but lost with its leader's term: another entry was committed at its index, so it never takes effect.</summary>
    Failed,
}
