namespace Arbiter.Store.Mvcc;

/// <summary>
/// etcd's <c>ResponseHeader</c>. The state machine fills <see cref="Revision"/>; the server fills the cluster and
/// member ids and the Raft term.
/// </summary>
public sealed class ResponseHeader
{
    /// <summary>The store revision when the request was applied (after its writes, if any).</summary>
    public long Revision { get; init; }

    /// <summary>The cluster id (the server's business; 0 from the state machine).</summary>
    public ulong ClusterId { get; init; }

    /// <summary>The answering member's id (the server's business; 0 from the state machine).</summary>
    public ulong MemberId { get; init; }

    /// <summary>The Raft term (the server's business; 0 from the state machine).</summary>
    public ulong RaftTerm { get; init; }
}
