namespace Arbiter.Store.Coordination;

/// <summary>The owner released what it held on the resource (unlock, release of permits, resignation).</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Units">Units given back (1 for a mutex, a lock or leadership).</param>
public sealed record Released(string Resource, long Lease, int Units) : CoordinationResult;
