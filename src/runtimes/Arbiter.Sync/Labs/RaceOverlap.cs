using System.Diagnostics;

namespace Arbiter.Sync.Labs;

/// <summary>
/// How long at least two of the race's threads were inside their increment loops at the same time, from the
/// <see cref="Stopwatch"/> timestamps at which each loop began and ended.
/// </summary>
/// <remarks>
/// Why the lab needs it: lost updates need two threads between the read and the write of one increment at once.
/// Threads whose loops never overlap in time ran one after the other (a busy machine, one core, a thread queued on
/// its creator's core) and cannot lose an update, so "0 lost" from them says nothing about the race. Overlapping
/// intervals are necessary, not sufficient: two threads time-sliced on one core overlap in wall time too, but
/// interleave only at preemptions, which is why their lost updates are rare.
/// Cost: O(n log n) for n threads (a sweep over the 2n sorted endpoints).
/// </remarks>
internal static class RaceOverlap
{
    /// <summary>The total wall time during which two or more of the intervals [begin[i], end[i]) overlap.</summary>
    public static TimeSpan AtLeastTwo(long[] begins, long[] ends)
    {
        Debug.Assert(begins.Length == ends.Length, "one interval per thread");
        var points = new (long At, int Delta)[begins.Length * 2];
        for (int i = 0; i < begins.Length; i++)
        {
            points[2 * i] = (begins[i], +1);
            points[(2 * i) + 1] = (Math.Max(begins[i], ends[i]), -1);
        }

        // Ends sort before begins at the same instant: intervals that only touch do not overlap.
        Array.Sort(points, (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Delta.CompareTo(b.Delta));
        long together = 0;
        int inside = 0;
        for (int i = 0; i < points.Length; i++)
        {
            if (inside >= 2)
            {
                together += points[i].At - points[i - 1].At;
            }

            inside += points[i].Delta;
        }

        return Stopwatch.GetElapsedTime(0, together);
    }
}
