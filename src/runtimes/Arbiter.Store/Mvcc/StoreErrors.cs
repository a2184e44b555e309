namespace Arbiter.Store.Mvcc;

/// <summary>etcd's messages for <see cref="StoreError"/> (so the HTTP gateway answers with the same text).</summary>
public static class StoreErrors
{
    /// <summary>The message etcd gives for the error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The message.</returns>
    public static string Message(StoreError error) => error switch
    {
        StoreError.None => "",
        StoreError.Compacted => "etcdserver: mvcc: required revision has been compacted",
        StoreError.FutureRevision => "etcdserver: mvcc: required revision is a future revision",
        StoreError.EmptyKey => "etcdserver: key is not provided",
        StoreError.KeyNotFound => "etcdserver: key not found",
        StoreError.ValueProvided => "etcdserver: value is provided",
        StoreError.LeaseProvided => "etcdserver: lease is provided",
        StoreError.DuplicateKey => "etcdserver: duplicate key given in txn request",
        StoreError.LeaseNotFound => "etcdserver: requested lease not found",
        StoreError.LeaseExists => "etcdserver: lease already exists",
        StoreError.LeaseTtlTooLarge => "etcdserver: too large lease TTL",
        StoreError.InvalidLeaseId => "arbiter: lease id must not be negative",
        StoreError.UnknownCommand => "arbiter: no handler for this command in this store",
        _ => error.ToString(),
    };
}
