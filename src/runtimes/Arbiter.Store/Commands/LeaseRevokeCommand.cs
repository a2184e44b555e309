using Arbiter.Store.Leases;

namespace Arbiter.Store.Commands;

/// <summary>The command for a lease revoke (a client's).</summary>
/// <param name="Request">The request as the API received it.</param>
public sealed record LeaseRevokeCommand(LeaseRevokeRequest Request) : StoreCommand;
