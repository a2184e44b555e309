using Arbiter.Ipc;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Ipc;

/// <summary>
/// Round-trip latency between two processes: a 64-byte ping to the peer and its echo back, each checked (CRC-32C,
/// sequence) on arrival. Baseline: the pipe pair. The shared-memory ring makes no system call but both sides spin
/// while waiting, so on this 2-core machine each process holds a core for the duration.
/// </summary>
public class IpcRoundTripBench
{
    private const int PayloadBytes = 64;
    private IpcConnection? _connection;

    [GlobalSetup(Target = nameof(Pipe))]
    public void OpenPipe() => _connection = IpcPeerHost.Open(IpcTransport.Pipe, PayloadBytes);

    [GlobalSetup(Target = nameof(UnixSocket))]
    public void OpenUnixSocket() => _connection = IpcPeerHost.Open(IpcTransport.UnixSocket, PayloadBytes);

    [GlobalSetup(Target = nameof(SharedMemory))]
    public void OpenSharedMemory() => _connection = IpcPeerHost.Open(IpcTransport.SharedMemory, PayloadBytes);

    [GlobalCleanup]
    public void Close() => IpcPeerHost.Close(_connection);

    [Benchmark(Baseline = true)]
    public void Pipe() => _connection!.Session.RoundTrip();

    [Benchmark]
    public void UnixSocket() => _connection!.Session.RoundTrip();

    [Benchmark]
    public void SharedMemory() => _connection!.Session.RoundTrip();
}
