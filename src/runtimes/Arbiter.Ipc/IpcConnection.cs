using Arbiter.Ipc.Links;
using Arbiter.Ipc.Transports;

namespace Arbiter.Ipc;

/// <summary>
/// A live connection to a peer process: the transport's channel, the child process and the parent's link and
/// session, after the hello barrier (so the peer's start-up is behind us). The lab runs its phases on one; the
/// benchmarks keep one open across iterations. Disposing it tells nothing to the peer: it kills and reaps it if
/// still running and removes the channel's files — use <see cref="Finish"/> for an orderly end.
/// </summary>
internal sealed class IpcConnection : IDisposable
{
    private readonly TransportHost _host;
    private readonly PeerProcess _peer;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _live;
    private readonly IFrameLink _link;
    private readonly IpcOptions _options;
    private readonly CancellationToken _cancel;

    private IpcConnection(IpcTransport transport, TransportHost host, PeerProcess peer, CancellationTokenSource deadline, CancellationTokenSource live, IFrameLink link, IpcOptions options, CancellationToken cancel)
    {
        Transport = transport;
        _options = options;
        _cancel = cancel;
        _host = host;
        _peer = peer;
        _deadline = deadline;
        _live = live;
        _link = link;
        Session = new ParentSession(link, options.PayloadBytes);
    }

    public IpcTransport Transport { get; }

    public IFrameLink Link => _link;

    public ParentSession Session { get; }

    public int PeerProcessId => _peer.Id;

    /// <summary>Starts the peer and connects; everything is undone if any step fails.</summary>
    public static IpcConnection Open(IpcTransport transport, IpcOptions options, PeerLauncher launcher, CancellationToken cancel)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the IPC lab needs Linux (pipe2, F_GETPIPE_SZ, SIOCOUTQ, /dev/shm)");
        }

        options.Validate(transport);
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(options.Timeout);
        TransportHost? host = null;
        PeerProcess? peer = null;
        CancellationTokenSource? live = null;
        IFrameLink? link = null;
        try
        {
            host = TransportHost.Create(transport, options);
            // The peer's own deadline is later than ours, so that we report the timeout (and kill it) first.
            var peerOptions = host.Describe(new PeerOptions
            {
                Transport = transport,
                MaxPayload = options.PayloadBytes,
                SlowReaderDelay = options.SlowReaderDelay,
                Timeout = options.Timeout + TimeSpan.FromSeconds(10),
            });
            peer = PeerProcess.Start(launcher(peerOptions.ToArguments()), host);
            live = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, peer.Gone);
            return Guarded(
                () =>
                {
                    link = host.Connect(options.PayloadBytes, live.Token);
                    var opened = new IpcConnection(transport, host, peer, deadline, live, link, options, cancel);
                    opened.Session.Barrier();
                    return opened;
                },
                transport,
                options,
                peer,
                deadline,
                cancel);
        }
        catch
        {
            link?.Dispose();
            live?.Dispose();
            peer?.Dispose();
            host?.Dispose();
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/>, turning a lost peer or an expired deadline into the lab's exceptions.</summary>
    public T Run<T>(Func<T> body) => Guarded(body, Transport, _options, _peer, _deadline, _cancel);

    /// <summary>Ends the run in order: the end frame, then the peer's exit and delivery report.</summary>
    public DeliveryReport Finish()
    {
        Session.End();
        return _peer.Finish(_deadline.Token);
    }

    private static T Guarded<T>(Func<T> body, IpcTransport transport, IpcOptions options, PeerProcess peer, CancellationTokenSource deadline, CancellationToken cancel)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && !cancel.IsCancellationRequested)
        {
            if (deadline.IsCancellationRequested && !peer.HasExited)
            {
                throw new TimeoutException($"the {IpcTransports.Name(transport)} run did not finish within {options.Timeout.TotalSeconds:0.###} s (see --timeout); the peer was stopped", e);
            }

            // A closed pipe or socket can reach us a moment before the peer's exit does.
            if (peer.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                throw new IpcPeerException(peer.Describe(), e);
            }

            throw;
        }
    }

    public void Dispose()
    {
        _link.Dispose();
        _live.Dispose();
        _peer.Dispose();
        _host.Dispose();
        _deadline.Dispose();
    }
}
