namespace Arbiter.Store.Replication;

/// <summary>What kind of answer a <see cref="StoreReply"/> is (which of its fields mean something).</summary>
public enum StoreReplyKind
{
    /// <summary>The command or read was refused: <see cref="StoreReply.Error"/> and <see cref="StoreReply.Message"/> say why; nothing changed.</summary>
    Error = 0,

    /// <summary>A put: the revision it created.</summary>
    Put = 1,

    /// <summary>A delete range: how many keys went (<see cref="StoreReply.Deleted"/>).</summary>
    DeleteRange = 2,

    /// <summary>A transaction: whether its compares held (<see cref="StoreReply.Succeeded"/>) and what its range operations read.</summary>
    Txn = 3,

    /// <summary>A range read (a query, or a range inside a transaction): <see cref="StoreReply.Kvs"/>, count and more.</summary>
    Range = 4,

    /// <summary>A lease grant: <see cref="StoreReply.LeaseId"/> and <see cref="StoreReply.LeaseTtl"/>.</summary>
    LeaseGrant = 5,

    /// <summary>A coordination command: the revision is its fencing token; <see cref="StoreReply.Message"/> names the outcome.</summary>
    Coordination = 6,

    /// <summary>Anything else that succeeded (compaction, lease revoke or expiry, a replayed entry): only the revision.</summary>
    Done = 7,
}
