namespace Arbiter.Sync.Labs;

/// <summary>Order statistics of wait times (nearest-rank percentiles, as latency tools report them).</summary>
public static class FairnessStatistics
{
    /// <summary>
    /// The nearest-rank <paramref name="percentile"/> (0 &lt; p ≤ 100) of <paramref name="sorted"/> (ascending):
    /// the smallest value with at least p % of the values at or below it. 0 for an empty set.
    /// </summary>
    public static long Percentile(ReadOnlySpan<long> sorted, double percentile)
    {
        if (percentile is <= 0 or > 100 || double.IsNaN(percentile))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "The percentile must be in (0, 100].");
        }

        if (sorted.IsEmpty)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
