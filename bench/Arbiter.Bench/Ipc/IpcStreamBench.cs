using Arbiter.Ipc;
using Arbiter.Ipc.Framing;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Ipc;

/// <summary>
/// Streaming throughput between two processes: 1 KiB messages to a peer that reads and checks each one, timed per
/// message (a batch of <see cref="Batch"/> ends with a barrier round trip, so every message is known to be read).
/// Baseline: the pipe pair.
/// </summary>
public class IpcStreamBench
{
    private const int PayloadBytes = 1024;
    private const int Batch = 1000;
    private IpcConnection? _connection;

    [GlobalSetup(Target = nameof(Pipe))]
    public void OpenPipe() => _connection = IpcPeerHost.Open(IpcTransport.Pipe, PayloadBytes);

    [GlobalSetup(Target = nameof(UnixSocket))]
    public void OpenUnixSocket() => _connection = IpcPeerHost.Open(IpcTransport.UnixSocket, PayloadBytes);

    [GlobalSetup(Target = nameof(SharedMemory))]
    public void OpenSharedMemory() => _connection = IpcPeerHost.Open(IpcTransport.SharedMemory, PayloadBytes);

    [GlobalCleanup]
    public void Close() => IpcPeerHost.Close(_connection);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public TimeSpan Pipe() => _connection!.Session.Stream(FrameKind.Data, Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public TimeSpan UnixSocket() => _connection!.Session.Stream(FrameKind.Data, Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public TimeSpan SharedMemory() => _connection!.Session.Stream(FrameKind.Data, Batch);
}
