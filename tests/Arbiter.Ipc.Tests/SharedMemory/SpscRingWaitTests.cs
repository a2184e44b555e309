using System.Diagnostics;
using Arbiter.Ipc.SharedMemory;

namespace Arbiter.Ipc.Tests.SharedMemory;

/// <summary>
/// The ring's doorbell: a side that fell asleep (past the 20 µs spin) is woken by the other side's publication. The
/// sleep slice is raised to 10 s here, so a lost wake-up shows as a wait of seconds (and then a timeout failure)
/// instead of being hidden by the 50 ms re-check.
/// </summary>
public class SpscRingWaitTests
{
    private static unsafe (SharedRegion Region, SpscRing Producer, SpscRing Consumer) NewRing(int capacity)
    {
        var region = SharedRegion.Allocate(SpscRing.FootprintBytes(capacity));
        var producer = SpscRing.Create(region.Address, region.Length, capacity);
        var consumer = SpscRing.Attach(region.Address, region.Length);
        producer.SleepSliceMilliseconds = consumer.SleepSliceMilliseconds = 10_000;
        return (region, producer, consumer);
    }

    [Fact]
    public async Task WaitToRead_MessageArrivesWhileTheReaderSleeps_WakesItAtOnce()
    {
        var (region, producer, consumer) = NewRing(256);
        using (region)
        {
            var reader = Task.Run(() =>
            {
                consumer.WaitToRead(CancellationToken.None);
                return Stopwatch.GetTimestamp();
            });
            await Task.Delay(200); // long past the spin phase: the reader is asleep on the doorbell
            long sent = Stopwatch.GetTimestamp();
            Assert.True(producer.TryWrite([42]));

            long woke = await reader.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(Stopwatch.GetElapsedTime(sent, woke) < TimeSpan.FromSeconds(1), "the reader was not woken by the write");
            Assert.True(consumer.TryRead(new byte[8], out int length));
            Assert.Equal(1, length);
        }
    }

    [Fact]
    public async Task WaitToWrite_ReaderFreesSpaceWhileTheWriterSleeps_WakesItAtOnce()
    {
        var (region, producer, consumer) = NewRing(256);
        using (region)
        {
            Assert.True(producer.TryWrite(new byte[200]));
            var writer = Task.Run(() =>
            {
                producer.WaitToWrite(200, CancellationToken.None);
                return Stopwatch.GetTimestamp();
            });
            await Task.Delay(200);
            Assert.False(writer.IsCompleted, "the writer should be blocked on a full ring");
            long freed = Stopwatch.GetTimestamp();
            Assert.True(consumer.TryRead(new byte[256], out _));

            long woke = await writer.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(Stopwatch.GetElapsedTime(freed, woke) < TimeSpan.FromSeconds(1), "the writer was not woken by the read");
            Assert.True(producer.TryWrite(new byte[200]));
        }
    }

    [Fact]
    public async Task WaitToRead_Cancelled_ThrowsWithinASleepSlice()
    {
        var (region, _, consumer) = NewRing(256);
        using (region)
        {
            consumer.SleepSliceMilliseconds = 20;
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var reader = Task.Run(() => consumer.WaitToRead(cancel.Token));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.WaitAsync(TimeSpan.FromSeconds(5)));
        }
    }

    [Fact]
    public async Task WaitToReadWrite_PingPongAcrossThreads_NeverLosesAWakeUp()
    {
        // Each side sleeps between rounds often enough to exercise the flag/counter handshake many times.
        var (region, producer, consumer) = NewRing(64);
        var (backRegion, backProducer, backConsumer) = NewRing(64);
        using (region)
        using (backRegion)
        {
            const int Rounds = 1_000;
            var echo = Task.Run(() =>
            {
                var buffer = new byte[64];
                for (int i = 0; i < Rounds; i++)
                {
                    consumer.WaitToRead(CancellationToken.None);
                    Assert.True(consumer.TryRead(buffer, out int length));
                    if (i % 100 == 0)
                    {
                        Thread.Sleep(1); // let the other side fall asleep
                    }

                    backProducer.WaitToWrite(length, CancellationToken.None);
                    Assert.True(backProducer.TryWrite(buffer.AsSpan(0, length)));
                }
            });
            var buffer = new byte[64];
            for (int i = 0; i < Rounds; i++)
            {
                producer.WaitToWrite(8, CancellationToken.None);
                Assert.True(producer.TryWrite(BitConverter.GetBytes((long)i)));
                await Task.Run(() => backConsumer.WaitToRead(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(5));
                Assert.True(backConsumer.TryRead(buffer, out int length));
                Assert.Equal(i, BitConverter.ToInt64(buffer, 0));
                Assert.Equal(8, length);
            }

            await echo.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }
}
