namespace Arbiter.Distributed.Checkers;

/// <summary>One node of a clock-synchronisation run.</summary>
/// <param name="Node">The node.</param>
/// <param name="InitialSkew">Its clock's offset from true time at 0.</param>
/// <param name="Drift">Its drift rate (1e-4 = 100 ppm fast).</param>
/// <param name="Uncorrected">At the end: its raw clock minus true time.</param>
/// <param name="Residual">At the end: its corrected clock minus true time (null: crashed at the end).</param>
public sealed record ClockSyncNodeReport(int Node, TimeSpan InitialSkew, double Drift, TimeSpan Uncorrected, TimeSpan? Residual);
