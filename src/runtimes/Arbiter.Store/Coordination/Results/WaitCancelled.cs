namespace Arbiter.Store.Coordination;

/// <summary>The owner was waiting (or had arrived at a barrier) and its wait was withdrawn.</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The owner.</param>
public sealed record WaitCancelled(string Resource, long Lease) : CoordinationResult;
