using Arbiter.Core.Distributed.Clocks;

namespace Arbiter.Core.Tests.Distributed.Clocks;

public class HybridLogicalClockTests
{
    [Fact]
    public void Tick_PhysicalClockStandsStill_CounterOrdersEvents()
    {
        var clock = new HybridLogicalClock();

        Assert.Equal(new HlcTimestamp(10, 0), clock.Tick(10));
        Assert.Equal(new HlcTimestamp(10, 1), clock.Tick(10));
        Assert.Equal(new HlcTimestamp(10, 2), clock.Tick(9)); // a clock stepped back never moves HLC back
        Assert.Equal(new HlcTimestamp(11, 0), clock.Tick(11));
    }

    [Fact]
    public void Receive_MessageFromTheFuture_AdoptsItsWallAndCountsOn()
    {
        // Kulkarni et al. Fig. 5, case l = l.m: c = c.m + 1.
        var clock = new HybridLogicalClock();
        clock.Tick(5);

        Assert.Equal(new HlcTimestamp(20, 4), clock.Receive(new HlcTimestamp(20, 3), 7));
        Assert.Equal(new HlcTimestamp(20, 5), clock.Receive(new HlcTimestamp(20, 1), 8)); // l = l' = l.m: max(c, c.m) + 1
        Assert.Equal(new HlcTimestamp(30, 0), clock.Receive(new HlcTimestamp(20, 9), 30)); // physical ahead: c = 0
    }

    [Fact]
    public void Compare_Lexicographic()
    {
        Assert.True(new HlcTimestamp(1, 5) < new HlcTimestamp(2, 0));
        Assert.True(new HlcTimestamp(2, 0) < new HlcTimestamp(2, 1));
    }
}
