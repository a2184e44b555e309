namespace Arbiter.Store.Mvcc;

/// <summary>
/// etcd's <c>RangeRequest</c> (without sort and min/max revision filters). Whether a read is serializable (served
/// from the local replica) or linearizable (ReadIndex) is the server's business, not the state machine's.
/// </summary>
public sealed class RangeRequest
{
    /// <summary>The first key.</summary>
    public required byte[] Key { get; init; }

    /// <summary>Empty: the single key; <c>"\0"</c>: all keys &gt;= key; otherwise the exclusive end.</summary>
    public byte[] RangeEnd { get; init; } = [];

    /// <summary>At most this many keys (0: no limit).</summary>
    public long Limit { get; init; }

    /// <summary>The revision to read at (0 or less: the current one).</summary>
    public long Revision { get; init; }

    /// <summary>Return the keys without their values.</summary>
    public bool KeysOnly { get; init; }

    /// <summary>Return only the count.</summary>
    public bool CountOnly { get; init; }

    /// <summary>Passed through for the server (local read without ReadIndex); ignored by the state machine.</summary>
    public bool Serializable { get; init; }
}
