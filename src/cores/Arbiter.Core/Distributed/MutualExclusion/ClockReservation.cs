namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>
/// Persisted by a Ricart–Agrawala node: its Lamport clock will never be reused below <paramref name="Limit"/>, so a
/// restarted node starts its clock there.
/// </summary>
/// <param name="Limit">A bound above every timestamp the node had seen or used before it crashed.</param>
public readonly record struct ClockReservation(long Limit);
