using System.Net;
using System.Net.Sockets;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

public class LoopInboxTests
{
    public static TheoryData<bool> Modes => [true, false];

    [Theory]
    [MemberData(nameof(Modes))]
    public void TakeBatch_ItemsFromManyThreads_EachOnceAndInOrderPerProducer(bool poll)
    {
        var inbox = new LoopInbox<(int Producer, int Seq)>((_, _) => default, poll);
        const int Producers = 4, Each = 5000;
        var producers = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            for (int i = 0; i < Each; i++)
            {
                Assert.True(inbox.TryAdd((p, i)));
            }
        })).ToList();
        producers.ForEach(t => t.Start());

        var taken = new List<(int Producer, int Seq)>();
        var batch = new List<(int, int)>();
        while (taken.Count < Producers * Each)
        {
            Assert.True(inbox.TakeBatch(batch, 64));
            Assert.InRange(batch.Count, 1, 64);
            taken.AddRange(batch);
            batch.Clear();
        }

        producers.ForEach(t => t.Join());
        for (int p = 0; p < Producers; p++)
        {
            Assert.Equal(Enumerable.Range(0, Each), taken.Where(t => t.Producer == p).Select(t => t.Seq));
        }

        inbox.Dispose();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task TakeBatch_AsleepThenAnItemArrives_WakesUp(bool poll)
    {
        var inbox = new LoopInbox<string>((_, _) => "frame", poll);
        var batch = new List<string>();
        var taker = Task.Run(() => inbox.TakeBatch(batch, 8));
        await Task.Delay(50); // the taker is asleep by now
        Assert.False(taker.IsCompleted);

        inbox.TryAdd("late");

        Assert.True(await taker.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(["late"], batch);
        inbox.Dispose();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void CompleteAdding_ItemsQueued_DrainedThenFalseAndLaterAddsRefused(bool poll)
    {
        var inbox = new LoopInbox<int>((_, _) => -1, poll);
        inbox.TryAdd(1);
        inbox.TryAdd(2);
        inbox.CompleteAdding();

        Assert.False(inbox.TryAdd(3));
        var batch = new List<int>();
        Assert.True(inbox.TakeBatch(batch, 8));
        Assert.Equal([1, 2], batch);
        batch.Clear();
        Assert.False(inbox.TakeBatch(batch, 8));
        Assert.Empty(batch);
        inbox.Dispose();
    }

    [PollFact]
    public async Task TakeBatch_WatchedConnection_FramesWakeTheLoopAndGarbleClosesIt()
    {
        var inbox = new LoopInbox<string>((from, payload) => payload.Length == 0
            ? throw new FormatException("empty")
            : $"{from}:{System.Text.Encoding.UTF8.GetString(payload)}");
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var peer = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        peer.Connect(listener.LocalEndPoint!);
        inbox.Watch(new PeerReceiver(listener.Accept()));

        var batch = new List<string>();
        var taker = Task.Run(() => inbox.TakeBatch(batch, 8));
        await Task.Delay(50);
        Assert.False(taker.IsCompleted);
        peer.Send([.. FrameIO.Build(2, "a"u8.ToArray()), .. FrameIO.Build(2, "b"u8.ToArray())]);
        Assert.True(await taker.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(["2:a", "2:b"], batch);

        // A payload the codec cannot read closes the connection: the peer sees it closed.
        peer.Send(FrameIO.Build(2, []));
        batch.Clear();
        inbox.TryAdd("queued"); // so that TakeBatch returns after handling the garbled frame
        Assert.True(inbox.TakeBatch(batch, 8));
        var buffer = new byte[1];
        peer.ReceiveTimeout = 5000;
        Assert.Equal(0, peer.Receive(buffer));
        inbox.Dispose();
    }
}
