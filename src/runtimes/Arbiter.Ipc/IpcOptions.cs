using System.Globalization;
using Arbiter.Ipc.Framing;

namespace Arbiter.Ipc;

/// <summary>
/// How the IPC lab runs: how many messages of what size, how many ping-pong round trips, how slow the reader is in
/// the backpressure phase, the shared-memory ring's size and an overall time limit. <see cref="Validate"/> names the
/// lab's command-line flags in its messages.
/// </summary>
public sealed record IpcOptions
{
    /// <summary>Messages in the throughput phase.</summary>
    public int Messages { get; init; } = 50_000;

    /// <summary>Payload bytes per message (the frame adds a <see cref="FrameHeader.Size"/>-byte header).</summary>
    public int PayloadBytes { get; init; } = 1024;

    /// <summary>Timed round trips in the latency phase (after a short untimed warm-up).</summary>
    public int RoundTrips { get; init; } = 2_000;

    /// <summary>How long the reader dawdles after each message in the backpressure phase; zero skips the phase.</summary>
    public TimeSpan SlowReaderDelay { get; init; } = TimeSpan.FromMicroseconds(50);

    /// <summary>Messages in the backpressure phase; null: enough to fill the writer's buffer about four times.</summary>
    public int? BackpressureMessages { get; init; }

    /// <summary>Bytes of each shared-memory ring (a power of two); 64 KiB, like a default pipe.</summary>
    public int RingCapacity { get; init; } = 65_536;

    /// <summary>The whole run, peer start-up included, must finish within this; the peer is killed otherwise.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes of one frame on the wire: header and payload.</summary>
    public int FrameBytes => FrameHeader.Size + PayloadBytes;

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line message naming the flag when the options cannot run on <paramref name="transport"/>.</summary>
    public void Validate(IpcTransport transport)
    {
        Require(Messages is >= 1 and <= 100_000_000, $"--messages must be between 1 and 100000000 (got {Messages})");
        Require(PayloadBytes is >= 0 and <= FrameHeader.MaxPayload, $"--size must be between 0 and {FrameHeader.MaxPayload} bytes (got {PayloadBytes})");
        Require(RoundTrips is >= 1 and <= 10_000_000, $"--round-trips must be between 1 and 10000000 (got {RoundTrips})");
        Require(SlowReaderDelay >= TimeSpan.Zero && SlowReaderDelay <= TimeSpan.FromSeconds(1), $"--slow-reader must be between 0 and 1s (got {SlowReaderDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms)");
        Require(BackpressureMessages is null or (>= 1 and <= 10_000_000), $"--backpressure-messages must be between 1 and 10000000 (got {BackpressureMessages})");
        Require(RingCapacity is >= 4096 and <= 1 << 30 && (RingCapacity & (RingCapacity - 1)) == 0, $"--ring-size must be a power of two between 4096 and 1073741824 (got {RingCapacity})");
        Require(Timeout > TimeSpan.Zero, "--timeout must be positive");
        if (transport == IpcTransport.SharedMemory)
        {
            int room = RingCapacity - sizeof(int) - FrameHeader.Size;
            Require(PayloadBytes <= room, $"--size {PayloadBytes} does not fit the {RingCapacity}-byte shared-memory ring (at most {room} bytes of payload); raise --ring-size");
        }
    }

    /// <summary>Messages for the backpressure phase on a buffer of <paramref name="capacity"/> bytes.</summary>
    public int BackpressureMessagesFor(long capacity) =>
        BackpressureMessages ?? (int)Math.Clamp(4 * capacity / FrameBytes + 1, 64, 20_000);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
