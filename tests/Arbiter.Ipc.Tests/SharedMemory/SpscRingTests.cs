using Arbiter.Ipc.SharedMemory;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Ipc.Tests.SharedMemory;

public class SpscRingTests
{
    private static unsafe (SharedRegion Region, SpscRing Ring) NewRing(int capacity)
    {
        var region = SharedRegion.Allocate(SpscRing.FootprintBytes(capacity));
        return (region, Create(region, capacity));
    }

    private static unsafe SpscRing Attach(SharedRegion region) => SpscRing.Attach(region.Address, region.Length);

    private static unsafe SpscRing Create(SharedRegion region, int capacity) => SpscRing.Create(region.Address, region.Length, capacity);

    private static byte[] Message(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void TryRead_EmptyRing_ReturnsFalse()
    {
        var (region, ring) = NewRing(256);
        using (region)
        {
            Assert.False(ring.TryRead(new byte[256], out int length));
            Assert.Equal(0, length);
            Assert.Equal(0, ring.Occupancy);
        }
    }

    [Fact]
    public void TryWrite_TwoPieces_ReadBackAsOneMessage()
    {
        var (region, ring) = NewRing(256);
        using (region)
        {
            Assert.True(ring.TryWrite([1, 2, 3], [4, 5]));
            var buffer = new byte[256];
            Assert.True(ring.TryRead(buffer, out int length));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, buffer[..length]);
            Assert.False(ring.TryRead(buffer, out _));
        }
    }

    [Fact]
    public void TryWrite_FullRing_ReturnsFalseUntilTheReaderFreesSpace()
    {
        var (region, ring) = NewRing(256);
        using (region)
        {
            var message = Message(60, 1); // 4 + 60 = 64 bytes a message: exactly 4 fit
            for (int i = 0; i < 4; i++)
            {
                Assert.True(ring.TryWrite(message));
            }

            Assert.Equal(256, ring.Occupancy);
            Assert.False(ring.TryWrite(message));
            Assert.False(ring.TryWrite([]));

            Assert.True(ring.TryRead(new byte[256], out _));
            Assert.Equal(192, ring.Occupancy);
            Assert.True(ring.TryWrite(message));
            Assert.False(ring.TryWrite(message));
        }
    }

    [Fact]
    public void TryWrite_LargestMessage_FitsOnlyInAnEmptyRing()
    {
        var (region, ring) = NewRing(256);
        using (region)
        {
            Assert.Equal(252, ring.MaxMessageBytes);
            Assert.True(ring.TryWrite(Message(252, 2)));
            Assert.False(ring.TryWrite([]));
            var buffer = new byte[252];
            Assert.True(ring.TryRead(buffer, out int length));
            Assert.Equal(Message(252, 2), buffer[..length]);
        }
    }

    [Fact]
    public void TryWrite_MessageLargerThanTheRing_ThrowsAClearError()
    {
        var (region, ring) = NewRing(256);
        using (region)
        {
            var error = Assert.Throws<ArgumentException>(() => ring.TryWrite(new byte[200], new byte[53]));
            Assert.Equal("a message of 253 bytes does not fit a ring of 256 bytes (at most 252 bytes per message)", error.Message);
            Assert.Equal(0, ring.Occupancy);
        }
    }

    [Fact]
    public void TryRead_DestinationTooSmall_ThrowsAndKeepsTheMessage()
    {
        var (region, ring) = NewRing(256);
        using (region)
        {
            Assert.True(ring.TryWrite(Message(100, 3)));
            Assert.Throws<ArgumentException>(() => ring.TryRead(new byte[99], out _));
            var buffer = new byte[100];
            Assert.True(ring.TryRead(buffer, out int length));
            Assert.Equal(Message(100, 3), buffer[..length]);
        }
    }

    [Fact]
    public void TryWriteRead_MessagesStraddlingTheEnd_WrapAroundIntact()
    {
        var (region, ring) = NewRing(128);
        using (region)
        {
            var buffer = new byte[128];
            long written = 0;
            // 4 + 45 → 56 bytes a message: positions drift through the ring, so messages straddle its end.
            for (int i = 0; i < 50; i++)
            {
                var message = Message(45, i);
                Assert.True(ring.TryWrite(message));
                written += 56;
                Assert.True(ring.TryRead(buffer, out int length));
                Assert.Equal(message, buffer[..length]);
            }

            Assert.True(written > 20 * 128, "the counters went round the ring many times");
            Assert.Equal(0, ring.Occupancy);
        }
    }

    [Fact]
    public void Attach_SecondView_SeesWhatTheCreatorWrote()
    {
        var (region, producer) = NewRing(256);
        using (region)
        {
            var consumer = Attach(region);
            Assert.Equal(256, consumer.Capacity);
            Assert.True(producer.TryWrite([7, 8, 9]));
            var buffer = new byte[8];
            Assert.True(consumer.TryRead(buffer, out int length));
            Assert.Equal(new byte[] { 7, 8, 9 }, buffer[..length]);
            Assert.Equal(0, producer.Occupancy);
        }
    }

    [Fact]
    public void Attach_MemoryWithoutARing_Throws()
    {
        using var region = SharedRegion.Allocate(1024);
        Assert.Throws<InvalidDataException>(() => Attach(region));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(32)]
    [InlineData(0)]
    public void Create_CapacityNotAPowerOfTwoOfAtLeast64_Throws(int capacity)
    {
        using var region = SharedRegion.Allocate(1024);
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(region, capacity));
    }

    [Fact]
    public void Create_MemoryTooSmall_Throws()
    {
        using var region = SharedRegion.Allocate(256);
        Assert.Throws<ArgumentException>(() => Create(region, 128));
    }

    [Fact]
    public void TryWriteTryRead_AnyInterleaving_BehavesLikeABoundedQueue()
    {
        // Model: a queue of byte arrays with a byte budget. Ops: n > 0 = write a message of n − 1 bytes, n ≤ 0 = read.
        var ops = Gen.Choose(-140, 140).ListOf().Select(l => l.ToArray());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(ops.ToArbitrary(), sizes =>
        {
            var (region, ring) = NewRing(256);
            using (region)
            {
                var model = new Queue<byte[]>();
                long used = 0;
                var buffer = new byte[256];
                int seed = 0;
                foreach (int op in sizes)
                {
                    if (op <= 0)
                    {
                        bool read = ring.TryRead(buffer, out int length);
                        Assert.Equal(model.Count > 0, read);
                        if (read)
                        {
                            var expected = model.Dequeue();
                            used -= (4 + expected.Length + 7) & ~7;
                            Assert.Equal(expected, buffer[..length]);
                        }
                    }
                    else
                    {
                        var message = Message(op - 1, seed++);
                        long size = (4 + message.Length + 7) & ~7;
                        bool wrote = ring.TryWrite(message);
                        Assert.Equal(used + size <= 256, wrote);
                        if (wrote)
                        {
                            model.Enqueue(message);
                            used += size;
                        }
                    }

                    Assert.Equal(used, ring.Occupancy);
                }
            }
        }));
    }

    [Fact]
    public async Task TryWriteTryRead_ProducerAndConsumerThreads_EveryMessageArrivesInOrderIntact()
    {
        const int Count = 50_000;
        var (region, ring) = NewRing(4096);
        using (region)
        {
            var consumerView = Attach(region);
            var producer = Task.Run(() =>
            {
                Span<byte> message = stackalloc byte[300];
                for (int i = 0; i < Count; i++)
                {
                    int length = 8 + (i % 290);
                    Fill(message[..length], i);
                    // SpinWait yields once spinning stops paying: the test suite may have more threads than cores.
                    var spin = default(SpinWait);
                    while (!ring.TryWrite(message[..length]))
                    {
                        spin.SpinOnce();
                    }
                }
            });
            var consumer = Task.Run(() =>
            {
                var buffer = new byte[300];
                var expected = new byte[300];
                for (int i = 0; i < Count; i++)
                {
                    int length;
                    var spin = default(SpinWait);
                    while (!consumerView.TryRead(buffer, out length))
                    {
                        spin.SpinOnce();
                    }

                    Assert.Equal(8 + (i % 290), length);
                    Fill(expected.AsSpan(0, length), i);
                    Assert.True(expected.AsSpan(0, length).SequenceEqual(buffer.AsSpan(0, length)), $"message {i} corrupted");
                }
            });
            // A hang (lost publication of the tail or head) becomes a TimeoutException, not a stuck test run.
            await Task.WhenAll(producer, consumer).WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    private static void Fill(Span<byte> message, int index)
    {
        for (int i = 0; i < message.Length; i++)
        {
            message[i] = (byte)(index * 31 + i);
        }
    }
}
