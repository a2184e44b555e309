using Arbiter.Sync.Labs;

namespace Arbiter.Sync.Tests.Labs;

public class FairnessStatisticsTests
{
    [Fact]
    public void Percentile_OneThousandValues_P999IsTheSecondLargest()
    {
        long[] values = Enumerable.Range(1, 1000).Select(i => (long)i).ToArray();
        Assert.Equal(999, FairnessStatistics.Percentile(values, 99.9));
        Assert.Equal(500, FairnessStatistics.Percentile(values, 50));
        Assert.Equal(1000, FairnessStatistics.Percentile(values, 100));
        Assert.Equal(1, FairnessStatistics.Percentile(values, 0.01));
    }

    [Fact]
    public void Percentile_FewValues_IsTheLargestAndEmptyIsZero()
    {
        Assert.Equal(9, FairnessStatistics.Percentile([1, 5, 9], 99.9));
        Assert.Equal(0, FairnessStatistics.Percentile([], 99.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => FairnessStatistics.Percentile([1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FairnessStatistics.Percentile([1], 101));
    }
}
