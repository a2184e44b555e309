using System.Net.Sockets;
using Arbiter.Ipc.Links;
using Arbiter.Ipc.Native;

namespace Arbiter.Ipc.Transports;

/// <summary>
/// An AF_UNIX stream socket: the parent listens on <c>peer.sock</c> in a fresh private temporary directory, the
/// child connects to it. Both directions share the one connection. The writer's buffer is its send buffer
/// (<c>SO_SNDBUF</c>, which the kernel doubles on set to cover its bookkeeping): for Unix stream sockets a sent
/// chunk stays charged to the sender until the receiver has read it, so <c>ioctl(SIOCOUTQ)</c> on the writer is the
/// occupancy — in kernel memory, per-chunk overhead included, which is why small messages fill it sooner than
/// their byte count suggests.
/// </summary>
internal sealed class UnixSocketTransport : TransportHost
{
    private readonly string _directory;
    private readonly string _path;
    private readonly Socket _listener;

    public UnixSocketTransport()
    {
        _directory = Directory.CreateTempSubdirectory($"arbiter-ipc-{Environment.ProcessId}-").FullName;
        _path = Path.Combine(_directory, "peer.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            _listener.Bind(new UnixDomainSocketEndPoint(_path));
            _listener.Listen(1);
            _listener.Blocking = false;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public override PeerOptions Describe(PeerOptions options) => options with { Path = _path };

    public override IFrameLink Connect(int maxPayload, CancellationToken cancel)
    {
        Socket connection;
        while (true)
        {
            Libc.WaitReady((int)_listener.Handle, Libc.POLLIN, cancel);
            try
            {
                connection = _listener.Accept();
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                // Spurious readiness: wait again.
            }
        }

        return Wrap(connection, maxPayload, cancel);
    }

    public static IFrameLink OpenPeerSide(PeerOptions options, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(options.Path!));
            return Wrap(socket, options.MaxPayload, cancel);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static FdLink Wrap(Socket socket, int maxPayload, CancellationToken cancel)
    {
        int fd = (int)socket.Handle;
        return new FdLink(fd, fd, closeFds: false, owner: socket, socket.SendBufferSize, "SO_SNDBUF", () => Libc.IoctlInt(fd, Libc.SIOCOUTQ), maxPayload, cancel);
    }

    public override void Dispose()
    {
        _listener.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone.
        }
    }
}
