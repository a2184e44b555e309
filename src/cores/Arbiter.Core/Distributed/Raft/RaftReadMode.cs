namespace Arbiter.Core.Distributed.Raft;

/// <summary>How a read is served (Ongaro's dissertation, 2014, §6.4).</summary>
public enum RaftReadMode
{
    /// <summary>ReadIndex (§6.4): the leader confirms it still leads with a heartbeat round, then the read waits
    /// until the state machine has applied the commit index read at the request. Linearizable.</summary>
    Linearizable,

    /// <summary>Leader lease (§6.4.1): the leader serves at its commit index without a heartbeat round, trusting that
    /// no other leader can exist while its check-quorum lease holds. Linearizable only if clocks drift boundedly
    /// and the lease is shorter than the election timeout.</summary>
    Lease,

    /// <summary>Any server answers from its own state machine at once. Serializable, possibly stale.</summary>
    Serializable,
}
