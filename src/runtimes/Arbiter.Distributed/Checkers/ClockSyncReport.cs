using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>What a clock-synchronisation run did.</summary>
/// <param name="Result">The simulation's result.</param>
/// <param name="Nodes">Per node: its clock (skew at 0, drift), and at the end its corrected clock's error against true time.</param>
/// <param name="WorstAtCorrection">The largest error right after a correction.</param>
/// <param name="Spread">At the end: the largest minus the smallest corrected clock (Berkeley's measure).</param>
/// <param name="Messages">Messages sent.</param>
public sealed record ClockSyncReport(SimulationResult Result, IReadOnlyList<ClockSyncNodeReport> Nodes, TimeSpan WorstAtCorrection, TimeSpan Spread, long Messages);
