namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>DeleteRangeRequest</c>.</summary>
public sealed class DeleteRangeRequest
{
    /// <summary>The first key.</summary>
    public required byte[] Key { get; init; }

    /// <summary>Empty: the single key; <c>"\0"</c>: all keys &gt;= key; otherwise the exclusive end.</summary>
    public byte[] RangeEnd { get; init; } = [];

    /// <summary>Return the deleted key-values.</summary>
    public bool PrevKv { get; init; }
}
