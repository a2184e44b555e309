using System.Diagnostics;
using System.Runtime.CompilerServices;
using Arbiter.Ipc.Framing;
using Arbiter.Ipc.Native;

namespace Arbiter.Ipc.Links;

/// <summary>
/// Frames over file descriptors — two pipe ends, or one socket for both directions — in non-blocking mode with
/// <c>poll</c>, the way an event loop does it. That makes backpressure exact rather than inferred: a write the
/// kernel refuses with EAGAIN is a writer blocked on a full buffer, and the time until <c>poll</c> reports POLLOUT
/// is the time it stayed blocked. Each frame is one <c>write</c> (header and payload assembled first); reads go
/// through a buffer so that many small frames cost one <c>read</c>, as a real reader would do.
/// </summary>
internal sealed unsafe class FdLink : IFrameLink
{
    private readonly int _readFd;
    private readonly int _writeFd;
    private readonly bool _closeFds;
    private readonly IDisposable? _owner;
    private readonly Func<long> _occupancy;
    private readonly CancellationToken _cancel;
    private readonly byte[] _receive;
    private byte[] _send = new byte[FrameHeader.Size + 1024];
    private int _start;
    private int _end;

    /// <param name="readFd">Descriptor frames arrive on.</param>
    /// <param name="writeFd">Descriptor frames leave on (the same as <paramref name="readFd"/> for a socket).</param>
    /// <param name="closeFds">Close the descriptors on dispose (pipes); a socket is closed by its <paramref name="owner"/>.</param>
    /// <param name="owner">Disposed with the link (e.g. the <see cref="System.Net.Sockets.Socket"/>).</param>
    /// <param name="capacity">Outgoing buffer size.</param>
    /// <param name="capacitySource">Where <paramref name="capacity"/> comes from.</param>
    /// <param name="occupancy">Reads the outgoing buffer's occupancy from the kernel.</param>
    /// <param name="maxPayload">Largest payload this link will receive.</param>
    /// <param name="cancel">Ends every wait.</param>
    public FdLink(int readFd, int writeFd, bool closeFds, IDisposable? owner, long capacity, string capacitySource, Func<long> occupancy, int maxPayload, CancellationToken cancel)
    {
        _readFd = readFd;
        _writeFd = writeFd;
        _closeFds = closeFds;
        _owner = owner;
        CapacityBytes = capacity;
        CapacitySource = capacitySource;
        _occupancy = occupancy;
        _cancel = cancel;
        _receive = new byte[Math.Max(64 * 1024, FrameHeader.Size + maxPayload)];
        Libc.SetNonBlocking(readFd);
        if (writeFd != readFd)
        {
            Libc.SetNonBlocking(writeFd);
        }
    }

    public long CapacityBytes { get; }

    public string CapacitySource { get; }

    public WriteMeter Meter { get; set; } = new();

    public long Occupancy() => _occupancy();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Send(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        int total = FrameHeader.Size + payload.Length;
        if (_send.Length < total)
        {
            _send = new byte[total];
        }

        header.WriteTo(_send);
        payload.CopyTo(_send.AsSpan(FrameHeader.Size));
        long blocked = 0;
        fixed (byte* p = _send)
        {
            int done = 0;
            while (done < total)
            {
                nint n = Libc.Write(_writeFd, p + done, total - done);
                if (n >= 0)
                {
                    done += (int)n;
                    continue;
                }

                int errno = Libc.Errno;
                if (errno == Libc.EAGAIN)
                {
                    // The kernel's buffer is full: from here until POLLOUT the writer is blocked by its reader.
                    if (Meter.TrackOccupancy)
                    {
                        Meter.Observe(_occupancy());
                    }

                    long since = Stopwatch.GetTimestamp();
                    Libc.WaitReady(_writeFd, Libc.POLLOUT, _cancel);
                    blocked += Stopwatch.GetTimestamp() - since;
                }
                else if (errno == Libc.EPIPE)
                {
                    throw new IOException("the peer closed its end (EPIPE)");
                }
                else if (errno != Libc.EINTR)
                {
                    throw Libc.Fail("write");
                }
            }
        }

        Meter.Sent(blocked);
        if (Meter.TrackOccupancy)
        {
            Meter.Observe(_occupancy());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Receive(out FrameHeader header)
    {
        Fill(FrameHeader.Size);
        header = FrameHeader.Read(_receive.AsSpan(_start, FrameHeader.Size));
        int total = FrameHeader.Size + header.PayloadLength;
        if (total > _receive.Length)
        {
            throw new InvalidDataException($"frame of {header.PayloadLength} bytes is larger than this link accepts ({_receive.Length - FrameHeader.Size})");
        }

        Fill(total);
        var payload = _receive.AsSpan(_start + FrameHeader.Size, header.PayloadLength);
        _start += total;
        return payload;
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered from <c>_start</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(int count)
    {
        if (_end - _start >= count)
        {
            return;
        }

        if (_start + count > _receive.Length)
        {
            // Slide the partial frame to the front; frames are at most the buffer's size, so it then fits.
            Buffer.BlockCopy(_receive, _start, _receive, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        fixed (byte* p = _receive)
        {
            while (_end - _start < count)
            {
                nint n = Libc.Read(_readFd, p + _end, _receive.Length - _end);
                if (n > 0)
                {
                    _end += (int)n;
                }
                else if (n == 0)
                {
                    throw new EndOfStreamException("the peer closed the connection");
                }
                else if (Libc.Errno == Libc.EAGAIN)
                {
                    Libc.WaitReady(_readFd, Libc.POLLIN, _cancel);
                }
                else if (Libc.Errno != Libc.EINTR)
                {
                    throw Libc.Fail("read");
                }
            }
        }
    }

    public void Dispose()
    {
        if (_closeFds)
        {
            Libc.Close(_readFd);
            if (_writeFd != _readFd)
            {
                Libc.Close(_writeFd);
            }
        }

        _owner?.Dispose();
    }
}
