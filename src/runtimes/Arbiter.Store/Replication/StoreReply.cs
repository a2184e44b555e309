using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Replication;

/// <summary>
/// What a client of the replicated store gets back for one log entry or one read: the compact answer a
/// <see cref="StoreReplica"/> returns from <c>Apply</c> and <c>Query</c>, encoded by <see cref="StoreReplyCodec"/>.
/// It carries what a client needs and no more — the revision, a range's key-values, a transaction's verdict, and on
/// refusal the error with etcd's message (<see cref="StoreErrors.Message"/>).
/// </summary>
public sealed record StoreReply
{
    /// <summary>Which fields mean something.</summary>
    public StoreReplyKind Kind { get; init; }

    /// <summary>The store revision after the command (for a read: the store's current revision).</summary>
    public long Revision { get; init; }

    /// <summary>For <see cref="StoreReplyKind.Error"/>: the error (<see cref="StoreError.None"/> otherwise).</summary>
    public StoreError Error { get; init; }

    /// <summary>For an error: etcd's message; for a coordination command: the outcome's name or its error message.</summary>
    public string Message { get; init; } = "";

    /// <summary>For a range (or the range operations of a transaction, in order): the key-values read.</summary>
    public IReadOnlyList<KeyValue> Kvs { get; init; } = [];

    /// <summary>For a range: the number of keys in it (before the limit).</summary>
    public long Count { get; init; }

    /// <summary>For a range: true when the limit cut the result.</summary>
    public bool More { get; init; }

    /// <summary>For a delete range: how many keys were deleted.</summary>
    public long Deleted { get; init; }

    /// <summary>For a transaction: true when every compare held and the success branch ran.</summary>
    public bool Succeeded { get; init; }

    /// <summary>For a lease grant: the lease's id.</summary>
    public long LeaseId { get; init; }

    /// <summary>For a lease grant: its TTL in seconds.</summary>
    public long LeaseTtl { get; init; }

    /// <summary>A refusal with etcd's message for <paramref name="error"/>.</summary>
    public static StoreReply Refused(StoreError error, long revision) =>
        new() { Kind = StoreReplyKind.Error, Error = error, Message = StoreErrors.Message(error), Revision = revision };
}
