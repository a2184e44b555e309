using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// The outbound link to one peer: frames are written at once by the caller when the link is idle, otherwise queued
/// for a writer task that connects, writes, and on failure reconnects with exponential backoff and resends the
/// frames that were not written (so a peer that starts late or restarts gets its messages; a resent frame may arrive
/// twice, which the node contract allows).
/// </summary>
/// <remarks>
/// <para>Inline sends: when the connection is up, nothing is queued and no write is under way, <see cref="Send(byte[], bool)"/>
/// writes the frame itself with one non-blocking <c>send</c>. On loopback that costs the caller (the event loop)
/// the system call, but saves the wake-up of another thread — on this host's measurements the larger cost on the
/// path of a message to a follower and back. If the socket's buffer is full, the rest of the frame is left to the
/// writer task, which finishes it on the same connection before anything else; the caller never blocks.</para>
/// <para>Pipelined, coalesced writes by the writer: whatever frames are queued when it comes round (up to
/// <see cref="CoalesceBytes"/>) are copied into one buffer and written with one call, so a burst costs one system
/// call and, with Nagle off, about one TCP segment instead of one per frame. It never waits for a reply.</para>
/// <para>One write at a time (<c>_busy</c>): the inline path and the writer exclude each other under
/// <c>_gate</c>, and neither holds it during a system call.</para>
/// </remarks>
internal sealed class PeerSender : IAsyncDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly TcpNodeOptions _options;
    private readonly object _gate = new();

    // Under _gate. Frames not yet written, oldest first; a frame leaves only once a write that carried it completed,
    // so after a failure the next connection starts again from the first (whole: a new connection starts clean).
    private readonly LinkedList<byte[]> _frames = new();
    private int _headWritten; // bytes of the first frame already on the current connection (an inline send cut short)
    private int _inFlight;    // how many of the first frames the writer's current write carries
    private Socket? _socket;  // the connection while it is up
    private bool _busy;       // a write is under way
    private bool _broken;     // an inline send failed: the writer must reconnect
    private bool _stopped;

    private readonly Channel<bool> _kick = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _writes;
    private long _frameCount;
    private long _inline;

    public PeerSender(IPEndPoint endpoint, TcpNodeOptions options)
    {
        _endpoint = endpoint;
        _options = options;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The peer's address.</summary>
    public IPEndPoint Endpoint => _endpoint;

    /// <summary>How many bytes of queued frames are coalesced into one write (one system call) at most.</summary>
    public const int CoalesceBytes = 64 << 10;

    /// <summary>Writes issued to the socket so far (each carries one or more whole frames, or the rest of one).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Frames handed to <see cref="Send(byte[], bool)"/> so far.</summary>
    public long Frames => Interlocked.Read(ref _frameCount);

    /// <summary>Of <see cref="Frames"/>, those written whole by the caller's own thread (no hand-off to the writer).</summary>
    public long Inline => Interlocked.Read(ref _inline);

    /// <summary>
    /// Sends <paramref name="frames"/> in order as one write: a batch's messages to this peer cost one system call.
    /// Same as <see cref="Send(byte[], bool)"/> for each frame otherwise.
    /// </summary>
    public void Send(List<byte[]> frames, bool inline = true)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count <= 1)
        {
            frames.ForEach(f => Send(f, inline));
            return;
        }

        // Whole frames back to back are still whole frames: the queue, the resend after a failure and the
        // receiver's cutting treat the joined array like any other.
        var joined = new byte[frames.Sum(f => f.Length)];
        int at = 0;
        foreach (byte[] frame in frames)
        {
            frame.CopyTo(joined, at);
            at += frame.Length;
        }

        Interlocked.Add(ref _frameCount, frames.Count - 1);
        Send(joined, inline);
    }

    /// <summary>
    /// Sends <paramref name="frame"/> (one or more whole frames): written now by this thread if <paramref name="inline"/>
    /// and the link is idle, else queued for the writer task. Never blocks.
    /// </summary>
    public void Send(byte[] frame, bool inline = true)
    {
        Interlocked.Increment(ref _frameCount);
        Socket? socket = null;
        lock (_gate)
        {
            if (!inline || _socket is null || _busy || _broken || _stopped || _frames.Count > 0)
            {
                Enqueue(frame);
            }
            else
            {
                _busy = true;
                socket = _socket;
            }
        }

        if (socket is null)
        {
            _kick.Writer.TryWrite(true);
            return;
        }

        int sent = SendNow(socket, frame, out bool failed);
        bool more;
        lock (_gate)
        {
            _busy = false;
            if (sent == frame.Length)
            {
                Interlocked.Increment(ref _writes);
                Interlocked.Increment(ref _inline);
            }
            else
            {
                // Cut short: the rest goes first, before anything queued meanwhile. After a failure the connection
                // is abandoned and the whole frame goes again on the next one.
                _frames.AddFirst(frame);
                _headWritten = failed ? 0 : sent;
                _broken |= failed;
            }

            more = _frames.Count > 0;
        }

        if (more)
        {
            _kick.Writer.TryWrite(true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        _kick.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Under the gate: queues a frame; beyond the bound the oldest that no write has started on is dropped.</summary>
    private void Enqueue(byte[] frame)
    {
        if (_frames.Count >= _options.MaxQueuedPerPeer && _inFlight == 0 && _headWritten == 0)
        {
            _frames.RemoveFirst(); // the network may lose: for a peer that is down, the oldest are the stalest
        }

        _frames.AddLast(frame);
    }

    /// <summary>Non-blocking send of as much of <paramref name="frame"/> as the socket takes now.</summary>
    private static int SendNow(Socket socket, byte[] frame, out bool failed)
    {
        int sent = 0;
        failed = false;
        while (sent < frame.Length)
        {
            int n;
            SocketError error;
            try
            {
                n = socket.Send(frame.AsSpan(sent), SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                failed = true; // closed under us (the link is being stopped): the frame stays queued
                break;
            }

            if (error == SocketError.WouldBlock)
            {
                break;
            }

            if (error != SocketError.Success)
            {
                failed = true;
                break;
            }

            sent += n;
        }

        return sent;
    }

    private async Task RunAsync()
    {
        CancellationToken cancel = _stop.Token;
        TimeSpan backoff = _options.InitialBackoff;
        var take = new List<byte[]>();
        var buffer = new byte[CoalesceBytes];
        while (!cancel.IsCancellationRequested)
        {
            var socket = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(_endpoint, cancel).ConfigureAwait(false);
                backoff = _options.InitialBackoff;
                socket.Blocking = false; // an inline send must never block its caller
                lock (_gate)
                {
                    _socket = socket;
                }

                while (true)
                {
                    int headWritten = Take(take);
                    if (take.Count == 0)
                    {
                        // Nothing to write, or an inline send is under way (it kicks again if it leaves work).
                        if (!await _kick.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
                        {
                            return;
                        }

                        _kick.Reader.TryRead(out _);
                        continue;
                    }

                    await WriteCoalescedAsync(socket, take, headWritten, buffer, cancel).ConfigureAwait(false);
                    lock (_gate)
                    {
                        for (int i = 0; i < take.Count; i++)
                        {
                            _frames.RemoveFirst();
                        }

                        (_headWritten, _inFlight, _busy) = (0, 0, false);
                    }

                    take.Clear();
                }
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
            {
                lock (_gate)
                {
                    // The frames of the failed write stay queued: the next connection sends them again, whole.
                    (_socket, _busy, _broken, _inFlight, _headWritten) = (null, false, false, 0, 0);
                }

                take.Clear();
                socket.Dispose();
                await Task.Delay(backoff, _options.Time, cancel).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
            finally
            {
                // Leaving the connection (stopped, or failed and already cleaned up above): close it.
                lock (_gate)
                {
                    if (ReferenceEquals(_socket, socket))
                    {
                        _socket = null;
                    }
                }

                socket.Dispose();
            }
        }
    }

    /// <summary>
    /// Takes the first queued frames, up to about <see cref="CoalesceBytes"/> (at least one if any), unless a write is
    /// under way; returns how much of the first one is already on the connection.
    /// </summary>
    private int Take(List<byte[]> take)
    {
        lock (_gate)
        {
            if (_broken)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            if (_busy || _frames.Count == 0)
            {
                return 0;
            }

            Debug.Assert(_inFlight == 0, "one write at a time");
            int bytes = -_headWritten;
            foreach (byte[] frame in _frames)
            {
                if (bytes >= CoalesceBytes)
                {
                    break;
                }

                take.Add(frame);
                bytes += frame.Length;
            }

            (_busy, _inFlight) = (true, take.Count);
            return _headWritten;
        }
    }

    /// <summary>
    /// Writes <paramref name="frames"/> in order (the first from <paramref name="skip"/>) with as few writes as fit:
    /// runs of frames are copied into <paramref name="buffer"/> and written together; a frame larger than the buffer
    /// is written on its own.
    /// </summary>
    private async Task WriteCoalescedAsync(Socket socket, List<byte[]> frames, int skip, byte[] buffer, CancellationToken cancel)
    {
        int used = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            ReadOnlyMemory<byte> frame = frames[i].AsMemory(i == 0 ? skip : 0);
            if (used + frame.Length > buffer.Length && used > 0)
            {
                await WriteAsync(socket, buffer.AsMemory(0, used), cancel).ConfigureAwait(false);
                used = 0;
            }

            if (frame.Length > buffer.Length)
            {
                await WriteAsync(socket, frame, cancel).ConfigureAwait(false);
                continue;
            }

            frame.CopyTo(buffer.AsMemory(used));
            used += frame.Length;
        }

        if (used > 0)
        {
            await WriteAsync(socket, buffer.AsMemory(0, used), cancel).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken cancel)
    {
        while (bytes.Length > 0)
        {
            int n = await socket.SendAsync(bytes, SocketFlags.None, cancel).ConfigureAwait(false);
            bytes = bytes[n..];
        }

        Interlocked.Increment(ref _writes);
    }
}
