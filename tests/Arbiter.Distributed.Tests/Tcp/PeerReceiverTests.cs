using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Arbiter.Distributed.Tcp;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Distributed.Tests.Tcp;

public sealed class PeerReceiverTests : IDisposable
{
    private readonly Socket _writer;
    private readonly PeerReceiver _receiver;

    public PeerReceiverTests()
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _writer = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _writer.Connect(listener.LocalEndPoint!);
        _receiver = new PeerReceiver(listener.Accept());
    }

    public void Dispose()
    {
        _writer.Dispose();
        _receiver.Dispose();
    }

    [Fact]
    public void Read_FramesCutAtRandomPlaces_EachWholeFrameOnceInOrder()
    {
        // Property: however the byte stream of a sequence of frames is cut into writes, the receiver hands over
        // exactly those frames, in order — the reference being the list itself.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Arb.From(Gen.Choose(0, 70_000).ArrayOf().Where(a => a.Length is > 0 and < 8)), Arb.From(Gen.Choose(1, 5000).ArrayOf()), (sizes, cuts) =>
        {
            byte[][] payloads = [.. sizes.Select((n, i) => Enumerable.Range(0, n).Select(b => (byte)(b + i)).ToArray())];
            byte[] stream = [.. payloads.SelectMany((p, i) => FrameIO.Build(i + 1, p))];
            var got = new List<(int From, byte[] Payload)>();
            int at = 0, cut = 0;
            while (at < stream.Length)
            {
                int n = Math.Min(stream.Length - at, cuts.Length == 0 ? stream.Length : cuts[cut++ % cuts.Length]);
                _writer.Send(stream, at, n, SocketFlags.None);
                at += n;
                ReadAvailable(got);
            }

            DrainUntil(got, payloads.Length);
            Assert.Equal(Enumerable.Range(1, payloads.Length), got.Select(g => g.From));
            Assert.Equal(payloads, got.Select(g => g.Payload));
        }));
    }

    [Fact]
    public void Read_PeerClosesMidFrame_CompleteFramesHandedOverThenFalse()
    {
        byte[] whole = FrameIO.Build(3, [1, 2, 3]);
        byte[] partial = FrameIO.Build(3, [9, 9, 9, 9])[..6];
        _writer.Send([.. whole, .. partial]);
        _writer.Shutdown(SocketShutdown.Send);
        var got = new List<(int From, byte[] Payload)>();

        bool open = true;
        for (int i = 0; i < 200 && open; i++)
        {
            open = _receiver.Read((from, payload) => got.Add((from, payload)));
            Thread.Sleep(open ? 5 : 0);
        }

        Assert.False(open);
        var (from, payload) = Assert.Single(got);
        Assert.Equal(3, from);
        Assert.Equal([1, 2, 3], payload);
    }

    [Fact]
    public void Read_ImpossibleLength_Throws()
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, FrameIO.MaxFrame + 1);
        _writer.Send(header);
        Thread.Sleep(20);

        Assert.Throws<InvalidDataException>(() => _receiver.Read((_, _) => { }));
    }

    private void ReadAvailable(List<(int, byte[])> got) =>
        Assert.True(_receiver.Read((from, payload) => got.Add((from, payload))));

    private void DrainUntil(List<(int, byte[])> got, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (got.Count < count && DateTime.UtcNow < deadline)
        {
            ReadAvailable(got);
            Thread.Sleep(1);
        }
    }
}
