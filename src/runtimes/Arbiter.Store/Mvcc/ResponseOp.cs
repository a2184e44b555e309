namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>ResponseOp</c>: the response of one <see cref="RequestOp"/>.</summary>
public sealed class ResponseOp
{
    /// <summary>The range's response.</summary>
    public RangeResponse? ResponseRange { get; init; }

    /// <summary>The put's response.</summary>
    public PutResponse? ResponsePut { get; init; }

    /// <summary>The delete range's response.</summary>
    public DeleteRangeResponse? ResponseDeleteRange { get; init; }
}
