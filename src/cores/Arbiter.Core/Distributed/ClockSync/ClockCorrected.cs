namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>
/// Observation: <paramref name="Node"/> set its offset (corrected clock = local clock + offset). The checker compares
/// the corrected clock with true time, within <paramref name="ErrorBound"/> (the node's own bound; null: none claimed).
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="Offset">The offset now applied on top of the local clock.</param>
/// <param name="ErrorBound">The bound the algorithm guarantees on |corrected − reference| at this moment.</param>
/// <param name="Delay">The round-trip delay measured (NTP's δ, Cristian's RTT); zero for Berkeley.</param>
public sealed record ClockCorrected(int Node, TimeSpan Offset, TimeSpan? ErrorBound, TimeSpan Delay);
