using System.Net;
using System.Net.Sockets;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

public class PeerSenderTests
{
    [Fact]
    public async Task Send_FramesQueuedWhilePeerIsDown_CoalescedIntoFewWritesInOrderIntact()
    {
        // Reserve a port, release it, and queue every frame while nothing listens there: the sender's first
        // connection then finds them all queued.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var endpoint = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();
        var options = new TcpNodeOptions
        {
            Id = 7,
            Peers = new Dictionary<int, IPEndPoint> { [7] = endpoint },
            InitialBackoff = TimeSpan.FromMilliseconds(200),
        };
        var payloads = new List<byte[]>();
        for (int i = 0; i < 1000; i++)
        {
            payloads.Add(BitConverter.GetBytes(i));
            if (i == 499)
            {
                payloads.Add(Filled(100_000, 1)); // larger than the coalescing buffer: written on its own
            }
            else if (i == 749)
            {
                payloads.Add(Filled(70_000, 2));
            }
        }

        await using var sender = new PeerSender(endpoint, options);
        payloads.ForEach(p => sender.Send(FrameIO.Build(7, p)));

        var listener = new TcpListener(endpoint);
        listener.Start();
        try
        {
            using TcpClient peer = await listener.AcceptTcpClientAsync();
            NetworkStream stream = peer.GetStream();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var received = new List<byte[]>();
            while (received.Count < payloads.Count)
            {
                var frame = await FrameIO.ReadAsync(stream, timeout.Token);
                Assert.NotNull(frame);
                Assert.Equal(7, frame.Value.From);
                received.Add(frame.Value.Payload);
            }

            Assert.Equal(payloads, received);
            // Take 1: frames 0–499 (≈6 KB) and the 100 KB frame, which ends the take (64 KiB reached): 2 writes.
            // Take 2: frames 500–749 and the 70 KB frame: 2 writes. Take 3: frames 750–999: 1 write.
            while (sender.Writes < 5 && !timeout.IsCancellationRequested)
            {
                await Task.Delay(5);
            }

            Assert.Equal(5, sender.Writes);
            Assert.Equal(1002, sender.Frames);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Send_LinkUpAndIdle_WrittenByTheCallerItself()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        await using var sender = new PeerSender(endpoint, Options(endpoint));
        using TcpClient peer = await listener.AcceptTcpClientAsync();
        NetworkStream stream = peer.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await UntilInlineAsync(sender, stream, timeout.Token);

        long inlineBefore = sender.Inline;
        sender.Send([FrameIO.Build(7, [2]), FrameIO.Build(7, [3]), FrameIO.Build(7, [4])]);
        Assert.Equal(inlineBefore + 1, sender.Inline); // three frames, one write, by this thread
        for (byte b = 2; b <= 4; b++)
        {
            Assert.Equal([b], (await FrameIO.ReadAsync(stream, timeout.Token))!.Value.Payload);
        }

        // A busy loop passes inline: false — the writer task sends it, though the link is idle.
        sender.Send(FrameIO.Build(7, [5]), inline: false);
        Assert.Equal([5], (await FrameIO.ReadAsync(stream, timeout.Token))!.Value.Payload);
        Assert.Equal(inlineBefore + 1, sender.Inline);
    }

    [Fact]
    public async Task Send_PeerNotReading_InlineWriteCutShortAndTheRestFollowsInOrder()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        await using var sender = new PeerSender(endpoint, Options(endpoint));
        using TcpClient peer = await listener.AcceptTcpClientAsync();
        NetworkStream stream = peer.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await UntilInlineAsync(sender, stream, timeout.Token);

        // Nobody reads while 200 frames of 50 KB (10 MB, far beyond the sockets' buffers) are sent: the caller
        // must never block, so a write is cut short and the writer task finishes it.
        var payloads = Enumerable.Range(0, 200).Select(i => Filled(50_000, (byte)i)).ToList();
        long inlineBefore = sender.Inline;
        var sending = Task.Run(() => payloads.ForEach(p => sender.Send(FrameIO.Build(7, p))));
        Assert.True(await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(10))) == sending, "Send blocked");

        foreach (byte[] expected in payloads)
        {
            var frame = await FrameIO.ReadAsync(stream, timeout.Token);
            Assert.Equal(expected, frame!.Value.Payload);
        }

        Assert.InRange(sender.Inline - inlineBefore, 1, payloads.Count - 1);
    }

    /// <summary>
    /// The connection is up once the writer task has delivered a first frame; from then on an idle link is written
    /// by the caller. Sends frames (read back here) until one was.
    /// </summary>
    private static async Task UntilInlineAsync(PeerSender sender, NetworkStream stream, CancellationToken cancel)
    {
        while (sender.Inline == 0 && !cancel.IsCancellationRequested)
        {
            sender.Send(FrameIO.Build(7, [0]));
            Assert.NotNull(await FrameIO.ReadAsync(stream, cancel));
        }
    }

    private static TcpNodeOptions Options(IPEndPoint endpoint) => new()
    {
        Id = 7,
        Peers = new Dictionary<int, IPEndPoint> { [7] = endpoint },
    };

    private static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }
}
