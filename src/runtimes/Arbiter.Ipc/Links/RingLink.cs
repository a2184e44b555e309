using System.Diagnostics;
using System.Runtime.CompilerServices;
using Arbiter.Ipc.Framing;
using Arbiter.Ipc.SharedMemory;

namespace Arbiter.Ipc.Links;

/// <summary>
/// Frames over two shared-memory rings, one per direction. No system call on the way: a send is a copy into the
/// ring and a counter store, and a side with nothing to do spins briefly, then sleeps on the ring's futex doorbell
/// (<see cref="SpscRing.WaitToRead"/>, <see cref="SpscRing.WaitToWrite"/>). A writer that finds its ring full is
/// blocked by its reader exactly as on a full pipe.
/// </summary>
internal sealed class RingLink : IFrameLink
{
    private readonly SpscRing _outgoing;
    private readonly SpscRing _incoming;
    private readonly IDisposable? _owner;
    private readonly CancellationToken _cancel;
    private readonly byte[] _receive;

    public RingLink(SpscRing outgoing, SpscRing incoming, IDisposable? owner, CancellationToken cancel)
    {
        _outgoing = outgoing;
        _incoming = incoming;
        _owner = owner;
        _cancel = cancel;
        _receive = new byte[incoming.MaxMessageBytes];
    }

    public long CapacityBytes => _outgoing.Capacity;

    public string CapacitySource => "ring capacity";

    public WriteMeter Meter { get; set; } = new();

    public long Occupancy() => _outgoing.Occupancy;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Send(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        Span<byte> head = stackalloc byte[FrameHeader.Size];
        header.WriteTo(head);
        long blocked = 0;
        if (!_outgoing.TryWrite(head, payload))
        {
            if (Meter.TrackOccupancy)
            {
                Meter.Observe(_outgoing.Occupancy);
            }

            long since = Stopwatch.GetTimestamp();
            do
            {
                _outgoing.WaitToWrite(FrameHeader.Size + payload.Length, _cancel);
            }
            while (!_outgoing.TryWrite(head, payload));
            blocked = Stopwatch.GetTimestamp() - since;
        }

        Meter.Sent(blocked);
        if (Meter.TrackOccupancy)
        {
            Meter.Observe(_outgoing.Occupancy);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Receive(out FrameHeader header)
    {
        int length;
        while (!_incoming.TryRead(_receive, out length))
        {
            _incoming.WaitToRead(_cancel);
        }

        if (length < FrameHeader.Size)
        {
            throw new InvalidDataException($"ring message of {length} bytes is shorter than a frame header");
        }

        header = FrameHeader.Read(_receive);
        if (length != FrameHeader.Size + header.PayloadLength)
        {
            throw new InvalidDataException($"ring message of {length} bytes holds a frame claiming {header.PayloadLength} bytes of payload");
        }

        return _receive.AsSpan(FrameHeader.Size, header.PayloadLength);
    }

    public void Dispose() => _owner?.Dispose();
}
