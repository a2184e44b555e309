using System.Collections.Concurrent;
using System.Net;
using Arbiter.Core.Distributed;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>TcpNodeHost.SetPeer / RemovePeer: peers added and removed while the node runs (membership changes).</summary>
public class PeerChangeTests
{
    private static readonly IPEndPoint Any = new(IPAddress.Loopback, 0);

    /// <summary>A host of a script node that sends "ping N" to node 2 whenever node 0 (the test) injects "N".</summary>
    private static TcpNodeHost<string, string> Sender(Action<int, TimeSpan, object>? observer = null, Action<INodeContext<string, string>>? start = null) =>
        new(new TcpNodeOptions { Id = 1, Peers = new Dictionary<int, IPEndPoint> { [1] = Any } },
            () => new ScriptNode(start: start, receive: (c, from, m) =>
            {
                if (from == 0)
                {
                    c.Send(2, "ping " + m);
                }
            }),
            new JsonMessageCodec<string>(), new JsonMessageCodec<string>(), observer ?? ((_, _, _) => { }));

    private static TcpNodeHost<string, string> Receiver(ConcurrentQueue<string> got) =>
        new(new TcpNodeOptions { Id = 2, Peers = new Dictionary<int, IPEndPoint> { [2] = Any } },
            () => new ScriptNode(receive: (_, from, m) => got.Enqueue($"{from}:{m}")),
            new JsonMessageCodec<string>(), new JsonMessageCodec<string>(), (_, _, _) => { });

    private static async Task Until(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task SendToUnknownPeer_DroppedAndCountedUnroutable_NodeKeepsRunning()
    {
        await using var host = Sender();
        host.Start();

        host.Inject("1");
        await Until(() => host.Unroutable == 1);

        Assert.Equal(1, host.Unroutable);
        Assert.Null(host.Fault);
        Assert.Empty(host.Peers);
    }

    [Fact]
    public async Task SetPeerFromAnotherThread_ThenRemovePeer_MessagesFlowThenStop()
    {
        var got = new ConcurrentQueue<string>();
        await using var receiver = Receiver(got);
        IPEndPoint at = receiver.Listen();
        receiver.Start();
        await using var sender = Sender();
        sender.Start();

        sender.SetPeer(2, at);
        sender.Inject("1");
        await Until(() => got.Count == 1);
        sender.RemovePeer(2);
        sender.Inject("2");
        await Until(() => sender.Unroutable == 1);
        await Task.Delay(100);

        Assert.Equal(["1:ping 1"], got);
        Assert.Equal(1, sender.Unroutable);
        Assert.Empty(sender.Peers);
        Assert.Null(sender.Fault);
    }

    [Fact]
    public async Task SetPeerFromTheObserverDuringACall_ThatCallsMessagesAlreadyReachTheNewPeer()
    {
        var got = new ConcurrentQueue<string>();
        await using var receiver = Receiver(got);
        IPEndPoint at = receiver.Listen();
        receiver.Start();
        TcpNodeHost<string, string>? self = null;
        // The node sends to 2 and observes "learned 2" in the same call; the observer (on the loop thread) adds the
        // peer, which must take effect before the call's messages leave: nothing is unroutable.
        await using var sender = Sender(
            observer: (_, _, v) =>
            {
                if (v is "learned 2")
                {
                    self!.SetPeer(2, at);
                }
            },
            start: c =>
            {
                c.Send(2, "hello");
                c.Observe("learned 2");
            });
        self = sender;
        sender.Start();

        await Until(() => got.Count == 1);

        Assert.Equal(["1:hello"], got);
        Assert.Equal(0, sender.Unroutable);
        Assert.Equal(at, sender.Peers[2]);
    }

    [Fact]
    public async Task SetPeer_NewAddress_LinkMovesThere()
    {
        var first = new ConcurrentQueue<string>();
        var second = new ConcurrentQueue<string>();
        await using var a = Receiver(first);
        await using var b = Receiver(second);
        IPEndPoint atA = a.Listen(), atB = b.Listen();
        a.Start();
        b.Start();
        await using var sender = Sender();
        sender.Start();

        sender.SetPeer(2, atA);
        sender.Inject("1");
        await Until(() => first.Count == 1);
        sender.SetPeer(2, atB);
        sender.Inject("2");
        await Until(() => second.Count == 1);

        Assert.Equal(["1:ping 1"], first);
        Assert.Equal(["1:ping 2"], second);
        Assert.Equal(atB, sender.Peers[2]);
    }

    [Fact]
    public async Task SetPeer_Itself_Ignored()
    {
        await using var host = Sender();
        host.Start();
        host.SetPeer(1, new IPEndPoint(IPAddress.Loopback, 9));
        host.Inject("x");
        await Until(() => host.Unroutable == 1);

        Assert.Empty(host.Peers);
    }
}
