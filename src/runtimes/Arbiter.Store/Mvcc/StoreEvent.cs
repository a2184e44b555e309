namespace Arbiter.Store.Mvcc;

/// <summary>
/// etcd's <c>mvccpb.Event</c>. A DELETE's <see cref="Kv"/> carries only the key and the deleting revision as
/// mod_revision. <see cref="PrevKv"/> is the key's state just before, when it existed and is still retained.
/// </summary>
public sealed class StoreEvent
{
    /// <summary>PUT or DELETE.</summary>
    public EventType Type { get; init; }

    /// <summary>The key's new state (for a DELETE: key and mod_revision only).</summary>
    public required KeyValue Kv { get; init; }

    /// <summary>The key's previous state, if any.</summary>
    public KeyValue? PrevKv { get; init; }

    /// <summary>The change's position inside its revision (orders events of one transaction).</summary>
    public long Sub { get; init; }
}
