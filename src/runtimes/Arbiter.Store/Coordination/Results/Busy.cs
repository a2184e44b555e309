namespace Arbiter.Store.Coordination;

/// <summary>A try-operation found the resource unavailable (held, or others already queued: no barging) and did not wait.</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The owner.</param>
public sealed record Busy(string Resource, long Lease) : CoordinationResult;
