namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>TxnResponse</c>.</summary>
public sealed class TxnResponse : StoreResponse
{
    /// <summary>True if the compares held and the success branch ran.</summary>
    public bool Succeeded { get; init; }

    /// <summary>One response per operation of the branch that ran, in order.</summary>
    public IReadOnlyList<ResponseOp> Responses { get; init; } = [];
}
