namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>RequestOp</c>: exactly one of range, put or delete range (nested transactions are not supported).</summary>
public sealed class RequestOp
{
    /// <summary>A range read.</summary>
    public RangeRequest? RequestRange { get; init; }

    /// <summary>A put.</summary>
    public PutRequest? RequestPut { get; init; }

    /// <summary>A delete range.</summary>
    public DeleteRangeRequest? RequestDeleteRange { get; init; }
}
