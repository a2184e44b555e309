using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Ipc;

/// <summary>
/// Round-trip latency between two processes: a 64-byte ping to the peer and its echo back, each checked (CRC-32C,
/// sequence) on arrival. Baseline: the pipe pair. The shared-memory ring makes no system call while both sides are
/// running (they spin up to 20 µs before sleeping on its futex doorbell).
/// </summary>
public class IpcRoundTripBench : IpcBench
{
    protected override int PayloadBytes => 64;

    [Benchmark(Baseline = true)]
    public void Pipe() => Connection.Session.RoundTrip();

    [Benchmark]
    public void UnixSocket() => Connection.Session.RoundTrip();

    [Benchmark]
    public void SharedMemory() => Connection.Session.RoundTrip();
}
