using Arbiter.Ipc.Framing;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Ipc;

/// <summary>
/// Streaming throughput between two processes: 1 KiB messages to a peer that reads and checks each one, timed per
/// message (a batch of <see cref="Batch"/> ends with a barrier round trip, so every message is known to be read).
/// Baseline: the pipe pair.
/// </summary>
public class IpcStreamBench : IpcBench
{
    private const int Batch = 1000;

    protected override int PayloadBytes => 1024;

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public TimeSpan Pipe() => Connection.Session.Stream(FrameKind.Data, Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public TimeSpan UnixSocket() => Connection.Session.Stream(FrameKind.Data, Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public TimeSpan SharedMemory() => Connection.Session.Stream(FrameKind.Data, Batch);
}
