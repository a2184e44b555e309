using System.Globalization;

namespace Arbiter.Distributed.Simulation;

/// <summary>
/// An invariant that failed: which one, why, and everything needed to reproduce and read it — the seed, the true
/// time, and the events that led to it (the last few of the run).
/// </summary>
/// <param name="Invariant">The invariant's name.</param>
/// <param name="Message">What was wrong, in one line.</param>
/// <param name="Seed">The run's seed: <c>--seed</c> with it reproduces the run.</param>
/// <param name="Time">True time of the violation (the end of the run for end-of-run checks).</param>
/// <param name="RecentEvents">The events up to and including the violating one, oldest first.</param>
public sealed record Violation(string Invariant, string Message, int Seed, TimeSpan Time, IReadOnlyList<TraceEvent> RecentEvents)
{
    /// <summary>One line: <c>seed 42, at 1.234 ms: mutual-exclusion: nodes 2 and 3 both in the critical section</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"seed {Seed}, at {Time.Ticks / 1e4:0.####} ms: {Invariant}: {Message}");
}
