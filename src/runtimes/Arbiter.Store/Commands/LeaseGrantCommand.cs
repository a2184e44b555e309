using Arbiter.Store.Leases;

namespace Arbiter.Store.Commands;

/// <summary>The command for a lease grant.</summary>
/// <param name="Request">The request as the API received it.</param>
public sealed record LeaseGrantCommand(LeaseGrantRequest Request) : StoreCommand;
