using Arbiter.Store.Coordination;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Replication;

/// <summary>The store's answer to a coordination command: its header (the revision is the fencing token) and outcome.</summary>
public sealed class CoordinationResponse : StoreResponse
{
    /// <summary>What the coordinator did.</summary>
    public required CoordinationOutcome Outcome { get; init; }
}
