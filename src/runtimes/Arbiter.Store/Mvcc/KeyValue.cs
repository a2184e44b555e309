namespace Arbiter.Store.Mvcc;

/// <summary>
/// etcd's <c>mvccpb.KeyValue</c>: a key's state at some revision.
/// </summary>
public sealed class KeyValue
{
    /// <summary>The key (bytes, ordered bytewise).</summary>
    public required byte[] Key { get; init; }

    /// <summary>The revision of the put that created the key in its current generation (0 in a DELETE event).</summary>
    public long CreateRevision { get; init; }

    /// <summary>The revision of the last change to the key.</summary>
    public long ModRevision { get; init; }

    /// <summary>The number of puts since the key was created (1 after the creating put; 0 in a DELETE event).</summary>
    public long Version { get; init; }

    /// <summary>The value (empty when keys_only, and in a DELETE event).</summary>
    public byte[] Value { get; init; } = [];

    /// <summary>The lease the key is attached to, 0 if none.</summary>
    public long Lease { get; init; }
}
