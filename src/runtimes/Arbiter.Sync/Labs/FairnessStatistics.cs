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

        // The tiny slack keeps 99.9 % of 1000 at rank 999: in binary 99.9 / 100 × 1000 is 999.0000000000001.
        int rank = (int)Math.Ceiling((percentile / 100 * sorted.Length) - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
