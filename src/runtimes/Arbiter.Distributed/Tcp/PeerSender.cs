using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// The outbound link to one peer: a queue of frames and a loop that connects, writes, and on failure reconnects
/// with exponential backoff and resends the frame that failed (so a peer that starts late or restarts gets its
/// messages; a resent frame may arrive twice, which the node contract allows).
/// </summary>
internal sealed class PeerSender : IAsyncDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly TcpNodeOptions _options;
    private readonly Channel<byte[]> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

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

    public void Send(byte[] frame) => _queue.Writer.TryWrite(frame);

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
        byte[]? pending = null;
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
                    if (pending is null)
                    {
                        if (!await _queue.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
                        {
                            return;
                        }

                        _queue.Reader.TryRead(out pending);
                    }

                    if (pending is not null)
                    {
                        await stream.WriteAsync(pending, cancel).ConfigureAwait(false);
                        pending = null;
                        // Batch whatever else is queued before yielding to the network.
                        while (_queue.Reader.TryRead(out byte[]? more))
                        {
                            pending = more;
                            await stream.WriteAsync(more, cancel).ConfigureAwait(false);
                            pending = null;
                        }
                    }
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                await Task.Delay(backoff, _options.Time, cancel).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }
}
