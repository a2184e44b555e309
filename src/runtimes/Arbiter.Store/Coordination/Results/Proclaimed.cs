namespace Arbiter.Store.Coordination;

/// <summary>The leader published a new value.</summary>
/// <param name="Election">Election name.</param>
/// <param name="Lease">The leader.</param>
/// <param name="Value">The new value.</param>
/// <param name="Token">The leader's fencing token (unchanged by proclaiming).</param>
public sealed record Proclaimed(string Election, long Lease, string Value, long Token) : CoordinationResult;
