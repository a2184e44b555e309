using Arbiter.Ipc.Links;

namespace Arbiter.Ipc.Transports;

/// <summary>
/// The parent's side of a transport: it creates the channel (pipes, a listening socket, a mapped file) before the
/// peer starts, tells the peer how to reach it (<see cref="PeerOptions"/>), then connects. Disposing it removes
/// everything it created — descriptors, socket file, directory, shared-memory file — whatever happened.
/// </summary>
internal abstract class TransportHost : IDisposable
{
    /// <summary>The peer's options with the way to reach this channel filled in.</summary>
    public abstract PeerOptions Describe(PeerOptions options);

    /// <summary>Just before the peer starts (pipes: let the child's ends survive exec).</summary>
    public virtual void BeforeStart()
    {
    }

    /// <summary>Just after the peer starts, or failed to (pipes: close the parent's copies of the child's ends).</summary>
    public virtual void AfterStart()
    {
    }

    /// <summary>The parent's link, once the peer is there (sockets wait for the peer to connect).</summary>
    public abstract IFrameLink Connect(int maxPayload, CancellationToken cancel);

    public abstract void Dispose();

    /// <summary>A host for <paramref name="transport"/>.</summary>
    public static TransportHost Create(IpcTransport transport, IpcOptions options) => transport switch
    {
        IpcTransport.Pipe => new PipeTransport(),
        IpcTransport.UnixSocket => new UnixSocketTransport(),
        IpcTransport.SharedMemory => new SharedMemoryTransport(options.RingCapacity),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    /// <summary>The peer's link, from what the parent told it.</summary>
    public static IFrameLink OpenPeer(PeerOptions options, CancellationToken cancel) => options.Transport switch
    {
        IpcTransport.Pipe => PipeTransport.OpenPeerSide(options, cancel),
        IpcTransport.UnixSocket => UnixSocketTransport.OpenPeerSide(options, cancel),
        IpcTransport.SharedMemory => SharedMemoryTransport.OpenPeerSide(options, cancel),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Transport, null),
    };
}
