namespace Arbiter.Store.Mvcc;

/// <summary>
/// One change of one key: a put (value, lease, create revision, version) or a tombstone (<see cref="Value"/> null).
/// </summary>
internal readonly record struct KeyVersion(Revision Mod, long Create, long Version, byte[]? Value, long Lease)
{
    public bool IsTombstone => Value is null;

    public KeyValue ToKeyValue(byte[] key, bool keysOnly = false) => new()
    {
        Key = key,
        CreateRevision = Create,
        ModRevision = Mod.Main,
        Version = Version,
        Value = keysOnly ? [] : Value!,
        Lease = Lease,
    };
}
