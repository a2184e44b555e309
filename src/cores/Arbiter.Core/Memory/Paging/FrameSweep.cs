using Arbiter.Core.Memory.Replacement;

namespace Arbiter.Core.Memory.Paging;

/// <summary>
/// Misses of one policy on one trace for every frame count in a range, and where Belady's anomaly shows (Belady,
/// Nelson &amp; Shedler, CACM 1969): a frame count with more misses than the count one below it. Stack algorithms
/// (LRU, OPT) can never show it. Cost: one run per frame count.
/// </summary>
public static class FrameSweep
{
    /// <summary>Runs <paramref name="kind"/> with <paramref name="minFrames"/> … <paramref name="maxFrames"/> frames.</summary>
    public static IReadOnlyList<SweepPoint> Run(ReplacementPolicyKind kind, ReadOnlySpan<long> trace, int minFrames, int maxFrames, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, minFrames);
        var points = new SweepPoint[maxFrames - minFrames + 1];
        for (int n = minFrames; n <= maxFrames; n++)
        {
            long misses = PagingSimulator.CountMisses(ReplacementPolicies.Create(kind, n, trace, seed), trace);
            points[n - minFrames] = new SweepPoint(n, misses, trace.Length);
        }

        return points;
    }

    /// <summary>Every consecutive pair of points where the larger frame count has more misses.</summary>
    public static IReadOnlyList<BeladyAnomaly> Anomalies(IReadOnlyList<SweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var anomalies = new List<BeladyAnomaly>();
        for (int i = 1; i < points.Count; i++)
        {
            if (points[i].Frames == points[i - 1].Frames + 1 && points[i].Misses > points[i - 1].Misses)
            {
                anomalies.Add(new BeladyAnomaly(points[i].Frames, points[i].Misses, points[i - 1].Frames, points[i - 1].Misses));
            }
        }

        return anomalies;
    }
}
