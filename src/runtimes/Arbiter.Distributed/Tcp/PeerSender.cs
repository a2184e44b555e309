using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// The outbound link to one peer: a queue of frames and a loop that connects, writes, and on failure reconnects
/// with exponential backoff and resends the frames that failed (so a peer that starts late or restarts gets its
/// messages; a resent frame may arrive twice, which the node contract allows).
/// </summary>
/// <remarks>
/// Pipelined, coalesced writes: whatever frames are queued when the loop comes round (up to
/// <see cref="CoalesceBytes"/>) are copied into one buffer and written with one <c>WriteAsync</c>, so a batch of
/// messages costs one syscall and, with Nagle off, about one TCP segment instead of one per frame. The loop never
/// waits for a reply, so many frames are in flight on the connection at once.
/// </remarks>
internal sealed class PeerSender : IAsyncDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly TcpNodeOptions _options;
    private readonly Channel<byte[]> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _writes;
    private long _frames;

    public PeerSender(IPEndPoint endpoint, TcpNodeOptions options)
    {
        _endpoint = endpoint;
        _options = options;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.MaxQueuedPerPeer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The peer's address.</summary>
    public IPEndPoint Endpoint => _endpoint;

    /// <summary>How many bytes of queued frames are coalesced into one write (one syscall) at most.</summary>
    public const int CoalesceBytes = 64 << 10;

    /// <summary>Writes issued to the socket so far (each carries one or more whole frames).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Frames handed to <see cref="Send"/> so far.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    public void Send(byte[] frame)
    {
        Interlocked.Increment(ref _frames);
        _queue.Writer.TryWrite(frame);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
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

    private async Task RunAsync()
    {
        CancellationToken cancel = _stop.Token;
        TimeSpan backoff = _options.InitialBackoff;
        // Frames taken from the queue but not known to be written: after a failed write they go again on the next
        // connection (some may have reached the peer already: a duplicate, which the contract allows).
        var pending = new List<byte[]>();
        var buffer = new byte[CoalesceBytes];
        while (!cancel.IsCancellationRequested)
        {
            using var client = new TcpClient { NoDelay = true };
            try
            {
                await client.ConnectAsync(_endpoint, cancel).ConfigureAwait(false);
                backoff = _options.InitialBackoff;
                NetworkStream stream = client.GetStream();
                while (true)
                {
                    if (pending.Count == 0)
                    {
                        if (!await _queue.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
                        {
                            return;
                        }

                        Take(pending);
                    }

                    await WriteCoalescedAsync(stream, pending, buffer, cancel).ConfigureAwait(false);
                    pending.Clear();
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                await Task.Delay(backoff, _options.Time, cancel).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Takes the frames already queued, up to about <see cref="CoalesceBytes"/> (at least one if any).</summary>
    private void Take(List<byte[]> pending)
    {
        int bytes = 0;
        while (bytes < CoalesceBytes && _queue.Reader.TryRead(out byte[]? frame))
        {
            pending.Add(frame);
            bytes += frame.Length;
        }
    }

    /// <summary>
    /// Writes <paramref name="frames"/> in order with as few writes as fit: runs of frames are copied into
    /// <paramref name="buffer"/> and written together; a frame larger than the buffer is written on its own.
    /// </summary>
    private async Task WriteCoalescedAsync(NetworkStream stream, List<byte[]> frames, byte[] buffer, CancellationToken cancel)
    {
        int used = 0;
        foreach (byte[] frame in frames)
        {
            if (used + frame.Length > buffer.Length && used > 0)
            {
                await WriteAsync(stream, buffer.AsMemory(0, used), cancel).ConfigureAwait(false);
                used = 0;
            }

            if (frame.Length > buffer.Length)
            {
                await WriteAsync(stream, frame, cancel).ConfigureAwait(false);
                continue;
            }

            frame.CopyTo(buffer, used);
            used += frame.Length;
        }

        if (used > 0)
        {
            await WriteAsync(stream, buffer.AsMemory(0, used), cancel).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(NetworkStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancel)
    {
        await stream.WriteAsync(bytes, cancel).ConfigureAwait(false);
        Interlocked.Increment(ref _writes);
    }
}
