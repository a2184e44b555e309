using System.Buffers.Binary;
using System.Net.Sockets;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// One inbound peer connection read by the event loop itself: non-blocking reads into a buffer, cut into the frames
/// of <see cref="FrameIO"/> ([length:4][sender:4][payload]). A frame split across reads waits in the buffer for the rest.
/// </summary>
/// <remarks>
/// Why the loop reads: a frame read by a thread-pool task reached the loop through two wake-ups (the socket engine's
/// thread, then the loop), and a message's round trip to a follower crossed four such hops. Now the kernel wakes the
/// loop's <c>poll</c> directly. Cost: one <c>recv</c> per readable socket per batch (more only for a big burst), and
/// one copy of each payload out of the buffer.
/// </remarks>
internal sealed class PeerReceiver : IDisposable
{
    // A socket is read for at most this many bytes per batch, so that one busy peer cannot keep the loop from the
    // others; what is left stays in the kernel and poll reports the socket again.
    private const int ReadBudget = 256 << 10;
    private const int HeaderSize = 8;

    private readonly Socket _socket;
    private byte[] _buffer = new byte[64 << 10];
    private int _start;
    private int _end;

    public PeerReceiver(Socket socket)
    {
        _socket = socket ?? throw new ArgumentNullException(nameof(socket));
        _socket.Blocking = false; // the loop must never block on one peer
    }

    /// <summary>The descriptor to poll.</summary>
    public int Fd => (int)_socket.Handle;

    /// <summary>
    /// Reads what the socket holds now and hands each complete frame to <paramref name="onFrame"/> (sender, payload),
    /// in order. Returns false when the connection is over: closed by the peer, broken, or garbled (a frame of an
    /// impossible length); complete frames that came before the end are still handed over.
    /// </summary>
    public bool Read(Action<int, byte[]> onFrame)
    {
        int budget = ReadBudget;
        while (budget > 0)
        {
            MakeRoom();
            int got = _socket.Receive(_buffer.AsSpan(_end), SocketFlags.None, out SocketError error);
            if (error == SocketError.WouldBlock)
            {
                return true;
            }

            if (error != SocketError.Success)
            {
                return false;
            }

            if (got == 0)
            {
                Cut(onFrame);
                return false; // end of stream: a partial frame left in the buffer is dropped, as a lost message
            }

            _end += got;
            budget -= got;
            Cut(onFrame);
        }

        return true;
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Hands over every complete frame in the buffer.</summary>
    private void Cut(Action<int, byte[]> onFrame)
    {
        while (_end - _start >= HeaderSize)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
            if (length < 4 || length > FrameIO.MaxFrame)
            {
                throw new InvalidDataException($"frame of {length} bytes");
            }

            int total = length + 4;
            if (_end - _start < total)
            {
                return;
            }

            int from = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 4));
            byte[] payload = _buffer.AsSpan(_start + HeaderSize, total - HeaderSize).ToArray();
            _start += total;
            onFrame(from, payload);
        }
    }

    /// <summary>Makes room after <c>_end</c>: moves the unread bytes to the front, and grows for a frame bigger than the buffer.</summary>
    private void MakeRoom()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }

        int needed = 0;
        if (_end - _start >= HeaderSize)
        {
            needed = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start)) + 4; // checked by Cut already
        }

        if (_end < _buffer.Length && _start + needed <= _buffer.Length)
        {
            return;
        }

        byte[] target = needed > _buffer.Length ? new byte[Math.Max(needed, _buffer.Length * 2)] : _buffer;
        _buffer.AsSpan(_start, _end - _start).CopyTo(target);
        (_end, _start, _buffer) = (_end - _start, 0, target);
    }
}
