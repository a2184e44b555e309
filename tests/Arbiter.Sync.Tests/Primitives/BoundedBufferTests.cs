using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Primitives;

public class BoundedBufferTests
{
    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(3, 2, 4, false)]
    [InlineData(2, 3, 2, true)]
    public void PutTake_ManyProducersAndConsumers_EveryItemExactlyOnceAndNeverOverCapacity(int producers, int consumers, int capacity, bool fifo) => Within.Run(() =>
    {
        const int items = 12_000;
        var buffer = new BoundedBuffer<int>(capacity, new LockOptions { FifoHandoff = fifo });
        var seen = new int[items];
        long sum = 0;
        var threads = new List<Thread>();
        for (int p = 0; p < producers; p++)
        {
            int id = p;
            threads.Add(Within.Start(() =>
            {
                for (int i = id; i < items; i += producers)
                {
                    buffer.Put(i);
                }
            }));
        }

        var consumerThreads = Enumerable.Range(0, consumers).Select(_ => Within.Start(() =>
        {
            while (buffer.TryTake(out int item, Timeout.InfiniteTimeSpan))
            {
                Interlocked.Increment(ref seen[item]);
                Interlocked.Add(ref sum, item);
            }
        })).ToList();

        threads.ForEach(Within.Join);
        buffer.Complete();
        consumerThreads.ForEach(Within.Join);
        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.Equal((long)items * (items - 1) / 2, sum);
        Assert.InRange(buffer.MaxOccupancy, 1, capacity);
        Assert.Equal(items, buffer.PutCount);
        Assert.Equal(items, buffer.TakeCount);
        Assert.Equal(0, buffer.Count);
    });

    [Fact]
    public void TryPut_Full_TimesOutAndCountsTheBlockedTime() => Within.Run(() =>
    {
        var buffer = new BoundedBuffer<string>(2);
        buffer.Put("a");
        buffer.Put("b");
        Assert.False(buffer.TryPut("c", TimeSpan.FromMilliseconds(30)));
        Assert.True(buffer.ProducerBlockedTime >= TimeSpan.FromMilliseconds(25), $"blocked {buffer.ProducerBlockedTime}");
        Assert.Equal("a", buffer.Take());
        Assert.True(buffer.TryPut("c", TimeSpan.Zero));
        Assert.Equal(["b", "c"], [buffer.Take(), buffer.Take()]);
    });

    [Fact]
    public void TryTake_EmptyThenCancelled_ReturnsFalseThenThrows() => Within.Run(() =>
    {
        var buffer = new BoundedBuffer<int>(1);
        Assert.False(buffer.TryTake(out _, TimeSpan.FromMilliseconds(20)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        Assert.ThrowsAny<OperationCanceledException>(() => buffer.Take(cts.Token));
        buffer.Put(7);
        Assert.Equal(7, buffer.Take());
    });

    [Fact]
    public void Complete_ConsumersBlockedOnEmpty_AllWakeAndFail() => Within.Run(() =>
    {
        var buffer = new BoundedBuffer<int>(3);
        buffer.Put(1);
        int drained = 0, failed = 0;
        var consumers = Enumerable.Range(0, 4).Select(_ => Within.Start(() =>
        {
            while (true)
            {
                try
                {
                    buffer.Take();
                    Interlocked.Increment(ref drained);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                    return;
                }
            }
        })).ToList();
        Thread.Sleep(30);
        buffer.Complete();
        consumers.ForEach(Within.Join);
        Assert.Equal(1, drained);
        Assert.Equal(4, failed);
        Assert.Throws<InvalidOperationException>(() => buffer.Put(2));
    });

    [Fact]
    public void Complete_ProducersBlockedOnFull_AllWakeAndThrow() => Within.Run(() =>
    {
        var buffer = new BoundedBuffer<int>(1);
        buffer.Put(0);
        int threw = 0;
        var producers = Enumerable.Range(0, 3).Select(i => Within.Start(() =>
        {
            if (Record.Exception(() => buffer.Put(i + 1)) is InvalidOperationException)
            {
                Interlocked.Increment(ref threw);
            }
        })).ToList();
        Thread.Sleep(30);
        buffer.Complete();
        producers.ForEach(Within.Join);
        Assert.Equal(3, threw);
        Assert.Equal(0, buffer.Take()); // what was put before completion is still delivered
        Assert.False(buffer.TryTake(out _, TimeSpan.FromSeconds(1)));
    });

    [Fact]
    public void PutAsyncTakeAsync_ProducerFasterThanCapacity_BackpressureAndAllItemsInOrder() => Within.RunAsync(async () =>
    {
        var buffer = new BoundedBuffer<int>(2);
        var producer = Task.Run(async () =>
        {
            for (int i = 0; i < 200; i++)
            {
                await buffer.PutAsync(i);
            }

            buffer.Complete();
        });
        var received = new List<int>();
        while (true)
        {
            try
            {
                received.Add(await buffer.TakeAsync());
            }
            catch (InvalidOperationException)
            {
                break;
            }
        }

        await producer;
        Assert.Equal(Enumerable.Range(0, 200), received);
        Assert.InRange(buffer.MaxOccupancy, 1, 2);
    });

    [Fact]
    public void Constructor_NonPositiveCapacity_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedBuffer<int>(0));
    }
}
