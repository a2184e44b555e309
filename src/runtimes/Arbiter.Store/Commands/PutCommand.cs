using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Commands;

/// <summary>The command for a put.</summary>
/// <param name="Request">The request as the API received it.</param>
public sealed record PutCommand(PutRequest Request) : StoreCommand;
