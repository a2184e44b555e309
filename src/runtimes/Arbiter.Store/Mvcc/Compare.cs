namespace Arbiter.Store.Mvcc;

/// <summary>
/// etcd's <c>Compare</c>: one guard of a transaction. With a range, every key in it must pass. A key that does not
/// exist compares as zero version/create/mod/lease, and always fails a <see cref="CompareTarget.Value"/> compare
/// (etcd's <c>applyCompare</c>: gRPC cannot tell a missing value from an empty one).
/// </summary>
public sealed class Compare
{
    /// <summary>The relation.</summary>
    public CompareResult Result { get; init; }

    /// <summary>The field compared.</summary>
    public CompareTarget Target { get; init; }

    /// <summary>The key.</summary>
    public required byte[] Key { get; init; }

    /// <summary>Empty: the single key; <c>"\0"</c>: all keys &gt;= key; otherwise the exclusive end.</summary>
    public byte[] RangeEnd { get; init; } = [];

    /// <summary>The operand when the target is version, create, mod or lease.</summary>
    public long Number { get; init; }

    /// <summary>The operand when the target is value.</summary>
    public byte[] Value { get; init; } = [];
}
