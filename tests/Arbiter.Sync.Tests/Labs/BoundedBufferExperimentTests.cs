using Arbiter.Sync.Labs;
using Arbiter.Sync.Tests.Primitives;

namespace Arbiter.Sync.Tests.Labs;

public class BoundedBufferExperimentTests
{
    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(3, 2, 5, false)]
    [InlineData(2, 4, 3, true)]
    public void Run_AnyShape_EveryItemExactlyOnceWithinCapacity(int producers, int consumers, int capacity, bool fifo)
    {
        var result = Within.Result(() => BoundedBufferExperiment.Run(new BoundedBufferOptions
        {
            Producers = producers, Consumers = consumers, Capacity = capacity, Items = 20_000, FifoHandoff = fifo,
        }));
        Assert.True(result.ExactlyOnce, $"consumed {result.Consumed}, duplicates {result.Duplicates}, missing {result.Missing}");
        Assert.True(result.WithinCapacity, $"max occupancy {result.MaxOccupancy} > {capacity}");
        Assert.Equal(20_000, result.Items);
        Assert.True(result.ItemsPerSecond > 0);
    }

    [Fact]
    public void Run_SlowConsumer_ProducersBlockAndTheBufferFills()
    {
        var result = Within.Result(() => BoundedBufferExperiment.Run(new BoundedBufferOptions { Producers = 2, Consumers = 1, Capacity = 4, Items = 2000, ConsumeWork = 2000 }));
        Assert.True(result.ExactlyOnce);
        Assert.Equal(4, result.MaxOccupancy);
        Assert.True(result.ProducersBlocked > result.ConsumersBlocked, $"producers blocked {result.ProducersBlocked}, consumers {result.ConsumersBlocked}");
    }

    [Fact]
    public void ExactlyOnce_AnyCheckDisagrees_IsFalse()
    {
        var good = new BoundedBufferResult(3, 3, 0, 0, 42, 42, 2, 2, TimeSpan.FromSeconds(1), 3, TimeSpan.Zero, TimeSpan.Zero);
        Assert.True(good.ExactlyOnce);
        Assert.False((good with { Duplicates = 1 }).ExactlyOnce);
        Assert.False((good with { Missing = 1 }).ExactlyOnce);
        Assert.False((good with { ActualChecksum = 41 }).ExactlyOnce);
        Assert.False((good with { Consumed = 2 }).ExactlyOnce);
        Assert.False((good with { MaxOccupancy = 3 }).WithinCapacity);
    }

    [Fact]
    public void Run_BadOptions_ThrowArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedBufferExperiment.Run(new BoundedBufferOptions { Capacity = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedBufferExperiment.Run(new BoundedBufferOptions { Producers = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedBufferExperiment.Run(new BoundedBufferOptions { Items = -5 }));
    }
}
