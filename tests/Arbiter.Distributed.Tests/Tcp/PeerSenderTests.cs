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

    private static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }
}
