using Arbiter.Core.Distributed.Clocks;

namespace Arbiter.Core.Tests.Distributed.Clocks;

public class VectorTimestampTests
{
    [Theory]
    [InlineData(new long[] { 1, 0 }, new long[] { 1, 1 }, PartialOrder.Before)]
    [InlineData(new long[] { 2, 1 }, new long[] { 1, 1 }, PartialOrder.After)]
    [InlineData(new long[] { 1, 0 }, new long[] { 0, 1 }, PartialOrder.Concurrent)]
    [InlineData(new long[] { 3, 3 }, new long[] { 3, 3 }, PartialOrder.Equal)]
    public void Compare_HandPicked_Relation(long[] a, long[] b, PartialOrder expected)
    {
        Assert.Equal(expected, new VectorTimestamp(a).Compare(new VectorTimestamp(b)));
    }

    [Fact]
    public void Merge_ComponentWiseMax()
    {
        Assert.Equal("[3,2,5]", new VectorTimestamp([3, 0, 5]).Merge(new VectorTimestamp([1, 2, 4])).ToString());
    }

    [Fact]
    public void Compare_DifferentSizes_Throws()
    {
        Assert.Throws<ArgumentException>(() => new VectorTimestamp([1]).Compare(new VectorTimestamp([1, 2])));
    }

    [Fact]
    public void LamportClock_ReceiveOlderStamp_MaxPlusOne()
    {
        var clock = new LamportClock(7);

        Assert.Equal(8, clock.Receive(3));
        Assert.Equal(13, clock.Receive(12));
        Assert.Equal(14, clock.Tick());
    }
}
