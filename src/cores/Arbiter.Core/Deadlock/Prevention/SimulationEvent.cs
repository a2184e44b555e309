namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>One line of a simulation timeline, for display.</summary>
/// <param name="Tick">The tick (1-based).</param>
/// <param name="Process">The process concerned.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">A short human description, e.g. "waits for B (held by P2)".</param>
public sealed record SimulationEvent(int Tick, string Process, SimulationEventKind Kind, string Detail);
