namespace Arbiter.Store.Mvcc;

/// <summary>
/// The errors a request can end with, as typed results rather than exceptions (etcd's gRPC errors; see
/// <see cref="StoreErrors.Message"/> for etcd's wording).
/// </summary>
public enum StoreError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The revision asked for has been compacted (etcd <c>ErrCompacted</c>).</summary>
    Compacted,

    /// <summary>The revision asked for is above the current revision (etcd <c>ErrFutureRev</c>).</summary>
    FutureRevision,

    /// <summary>A key is required but empty (etcd <c>ErrGRPCEmptyKey</c>).</summary>
    EmptyKey,

    /// <summary>ignore_value or ignore_lease on a key that does not exist (etcd <c>ErrGRPCKeyNotFound</c>).</summary>
    KeyNotFound,

    /// <summary>A value was given together with ignore_value (etcd <c>ErrGRPCValueProvided</c>).</summary>
    ValueProvided,

    /// <summary>A lease was given together with ignore_lease (etcd <c>ErrGRPCLeaseProvided</c>).</summary>
    LeaseProvided,

    /// <summary>A transaction changes the same key twice (etcd <c>ErrGRPCDuplicateKey</c>).</summary>
    DuplicateKey,

    /// <summary>The lease does not exist (etcd <c>ErrGRPCLeaseNotFound</c>).</summary>
    LeaseNotFound,

    /// <summary>A lease with that id exists already (etcd <c>ErrGRPCLeaseExist</c>).</summary>
    LeaseExists,

    /// <summary>The TTL is above the maximum (etcd <c>ErrGRPCLeaseTTLTooLarge</c>).</summary>
    LeaseTtlTooLarge,

    /// <summary>A negative lease id.</summary>
    InvalidLeaseId,

    /// <summary>A coordination command reached a store without the extension that handles it.</summary>
    UnknownCommand,
}
