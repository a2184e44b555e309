namespace Arbiter.Store.Coordination;

/// <summary>A resource node of the live graph.</summary>
/// <param name="Name">Resource name.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Capacity">1, N permits, or N parties.</param>
/// <param name="HeldUnits">Units held now (holders, or permits in use).</param>
/// <param name="Waiting">Owners queued (for a barrier: arrived in this generation).</param>
public sealed record GraphResource(string Name, ResourceKind Kind, int Capacity, int HeldUnits, int Waiting);
