using Arbiter.Ipc;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Ipc;

/// <summary>
/// One live connection to a real peer process per benchmark method: the methods are named after the transports
/// (<c>Pipe</c>, <c>UnixSocket</c>, <c>SharedMemory</c>), and each one's setup opens that transport only.
/// </summary>
public abstract class IpcBench
{
    /// <summary>Payload bytes per message.</summary>
    protected abstract int PayloadBytes { get; }

    /// <summary>The connection the running benchmark method uses.</summary>
    internal IpcConnection Connection { get; private set; } = null!;

    [GlobalSetup(Target = "Pipe")]
    public void OpenPipe() => Connection = IpcPeerHost.Open(IpcTransport.Pipe, PayloadBytes);

    [GlobalSetup(Target = "UnixSocket")]
    public void OpenUnixSocket() => Connection = IpcPeerHost.Open(IpcTransport.UnixSocket, PayloadBytes);

    [GlobalSetup(Target = "SharedMemory")]
    public void OpenSharedMemory() => Connection = IpcPeerHost.Open(IpcTransport.SharedMemory, PayloadBytes);

    [GlobalCleanup]
    public void Close() => IpcPeerHost.Close(Connection);
}
