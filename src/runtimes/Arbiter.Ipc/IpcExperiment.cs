using Arbiter.Ipc.Framing;
using Arbiter.Ipc.Links;

namespace Arbiter.Ipc;

/// <summary>
/// The IPC lab between two real processes. The parent creates the channel, starts the peer (a second process, via
/// a <see cref="PeerLauncher"/>) and runs four phases over the one connection:
/// <list type="number">
/// <item>hello — a barrier, so the peer's start-up is not timed;</item>
/// <item>latency — ping-pong: one message out, its echo back, timed per round trip;</item>
/// <item>throughput — a stream of messages to a reader going flat out, timed to the peer's acknowledgement;</item>
/// <item>backpressure — a stream to a reader that dawdles after each message: the writer fills the buffer and is
/// then blocked; its blocked time and the buffer's occupancy are measured.</item>
/// </list>
/// Then the peer reports what it received — every frame checked (checksum, sequence) — and exits. On any failure,
/// timeout or cancellation the peer is killed and reaped and every file, socket and descriptor is removed.
/// <para>
/// The per-message paths (framing, checksum, links, ring, sessions, the peer's loop) are marked
/// <c>AggressiveOptimization</c>: a run lasts a fraction of a second, and .NET's tiered JIT would otherwise run them
/// as unoptimized tier-0 code for its first ~100 ms — a measured 15 ms stall of the reader per run — so the figures
/// would time the JIT's warm-up rather than the channel.
/// </para>
/// </summary>
public static class IpcExperiment
{
    /// <summary>Untimed round trips before the timed ones (JIT and caches warm in both processes).</summary>
    public const int WarmUpRoundTrips = 100;

    /// <summary>Runs the lab on <paramref name="transport"/>.</summary>
    /// <exception cref="ArgumentException">The options cannot run (see <see cref="IpcOptions.Validate"/>).</exception>
    /// <exception cref="IpcPeerException">The peer could not start, or died.</exception>
    /// <exception cref="TimeoutException">The run exceeded <see cref="IpcOptions.Timeout"/>.</exception>
    public static IpcResult Run(IpcTransport transport, IpcOptions options, PeerLauncher launcher, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(launcher);
        using var connection = IpcConnection.Open(transport, options, launcher, cancel);
        return connection.Run(() => Phases(connection, options));
    }

    private static IpcResult Phases(IpcConnection connection, IpcOptions options)
    {
        var session = connection.Session;
        var link = connection.Link;
        var latency = session.PingPong(Math.Min(WarmUpRoundTrips, options.RoundTrips), options.RoundTrips);

        link.Meter = new WriteMeter();
        var elapsed = session.Stream(FrameKind.Data, options.Messages);
        var throughput = new ThroughputResult(options.Messages, (long)options.Messages * options.PayloadBytes, elapsed, link.Meter.BlockedFrames, link.Meter.BlockedTime);

        BackpressureResult? backpressure = null;
        if (options.SlowReaderDelay > TimeSpan.Zero)
        {
            int count = options.BackpressureMessagesFor(link.CapacityBytes);
            link.Meter = new WriteMeter { TrackOccupancy = true };
            var slow = session.Stream(FrameKind.SlowData, count);
            backpressure = new BackpressureResult(options.SlowReaderDelay, count, slow, link.Meter.BlockedFrames, link.Meter.BlockedTime, link.CapacityBytes, link.Meter.MaxOccupancy);
        }

        var delivery = connection.Finish();
        return new IpcResult(
            connection.Transport,
            options.PayloadBytes,
            options.FrameBytes,
            link.CapacityBytes,
            link.CapacitySource,
            latency,
            throughput,
            backpressure,
            session.FramesSent,
            delivery,
            session.FramesReturned,
            session.Returned,
            connection.PeerProcessId);
    }
}
