using System.Diagnostics;

namespace Arbiter.Ipc;

/// <summary>Round-trip times of the ping-pong phase: a message to the peer and its echo back.</summary>
/// <param name="RoundTrips">Timed round trips.</param>
/// <param name="Min">Fastest.</param>
/// <param name="Median">p50.</param>
/// <param name="P99">99th percentile (nearest rank).</param>
/// <param name="Max">Slowest.</param>
public sealed record LatencyResult(int RoundTrips, TimeSpan Min, TimeSpan Median, TimeSpan P99, TimeSpan Max)
{
    /// <summary>Summarizes round trips measured in <see cref="Stopwatch"/> ticks.</summary>
    public static LatencyResult FromTicks(long[] ticks)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ticks.Length);
        var sorted = (long[])ticks.Clone();
        Array.Sort(sorted);
        return new LatencyResult(sorted.Length, Time(sorted[0]), Time(Rank(sorted, 0.50)), Time(Rank(sorted, 0.99)), Time(sorted[^1]));
    }

    // Nearest-rank percentile: the smallest sample with at least p of the samples at or below it.
    private static long Rank(long[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static TimeSpan Time(long ticks) => TimeSpan.FromSeconds(ticks / (double)Stopwatch.Frequency);
}
