namespace Arbiter.Store.Mvcc;

/// <summary>
/// etcd's <c>TxnRequest</c>: if every compare holds, run <see cref="Success"/>, else <see cref="Failure"/>, atomically,
/// all writes at one revision. A branch may not put one key twice nor put a key it also deletes.
/// </summary>
public sealed class TxnRequest
{
    /// <summary>The guards.</summary>
    public IReadOnlyList<Compare> Compare { get; init; } = [];

    /// <summary>The operations if every guard holds.</summary>
    public IReadOnlyList<RequestOp> Success { get; init; } = [];

    /// <summary>The operations otherwise.</summary>
    public IReadOnlyList<RequestOp> Failure { get; init; } = [];
}
