using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Commands;

/// <summary>The command for a transaction.</summary>
/// <param name="Request">The request as the API received it.</param>
public sealed record TxnCommand(TxnRequest Request) : StoreCommand;
