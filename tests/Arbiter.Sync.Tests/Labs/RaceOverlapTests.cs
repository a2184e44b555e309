using System.Diagnostics;
using Arbiter.Sync.Labs;

namespace Arbiter.Sync.Tests.Labs;

public class RaceOverlapTests
{
    private static long Ms(double ms) => (long)(ms * Stopwatch.Frequency / 1000);

    [Fact]
    public void AtLeastTwo_OneAfterTheOther_IsZero()
    {
        var together = RaceOverlap.AtLeastTwo([Ms(0), Ms(10)], [Ms(10), Ms(20)]);

        Assert.Equal(TimeSpan.Zero, together);
    }

    [Fact]
    public void AtLeastTwo_PartialOverlap_IsTheSharedStretch()
    {
        var together = RaceOverlap.AtLeastTwo([Ms(0), Ms(4)], [Ms(10), Ms(20)]);

        Assert.Equal(6, together.TotalMilliseconds, 3);
    }

    [Fact]
    public void AtLeastTwo_ThreeThreads_CountsEachInstantOnce()
    {
        // [0,10) [2,6) [5,12): two or more inside over [2,10) → 8 ms, although pairwise overlaps add up to 4+5+1 = 10.
        var together = RaceOverlap.AtLeastTwo([Ms(0), Ms(2), Ms(5)], [Ms(10), Ms(6), Ms(12)]);

        Assert.Equal(8, together.TotalMilliseconds, 3);
    }

    [Fact]
    public void AtLeastTwo_OneThread_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, RaceOverlap.AtLeastTwo([Ms(0)], [Ms(50)]));
    }
}
