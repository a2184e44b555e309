namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>PutRequest</c>.</summary>
public sealed class PutRequest
{
    /// <summary>The key (not empty).</summary>
    public required byte[] Key { get; init; }

    /// <summary>The value.</summary>
    public byte[] Value { get; init; } = [];

    /// <summary>The lease to attach the key to (0: none; it is detached from any earlier lease).</summary>
    public long Lease { get; init; }

    /// <summary>Return the key's previous state.</summary>
    public bool PrevKv { get; init; }

    /// <summary>Keep the current value (the key must exist; <see cref="Value"/> must be empty).</summary>
    public bool IgnoreValue { get; init; }

    /// <summary>Keep the current lease (the key must exist; <see cref="Lease"/> must be 0).</summary>
    public bool IgnoreLease { get; init; }
}
