namespace Arbiter.Ipc;

/// <summary>
/// The backpressure phase: the reader dawdles after every message, the writer outruns it, fills the buffer and is
/// then held back to the reader's pace — the seed's "full pipes, blocked readers" made visible.
/// </summary>
/// <param name="SlowReaderDelay">The reader's pause after each message.</param>
/// <param name="Messages">Messages sent.</param>
/// <param name="Elapsed">First write to the peer's acknowledgement of the last message.</param>
/// <param name="BlockedWrites">Messages that found the buffer full and waited.</param>
/// <param name="WriterBlocked">Time the writer spent waiting for room.</param>
/// <param name="CapacityBytes">The buffer's size.</param>
/// <param name="MaxOccupancyBytes">The fullest the buffer was seen (sampled at each write and at each refusal).</param>
public sealed record BackpressureResult(TimeSpan SlowReaderDelay, int Messages, TimeSpan Elapsed, long BlockedWrites, TimeSpan WriterBlocked, long CapacityBytes, long MaxOccupancyBytes)
{
    /// <summary>Share of the phase the writer spent blocked, 0..1.</summary>
    public double BlockedShare => Elapsed > TimeSpan.Zero ? Math.Min(1, WriterBlocked / Elapsed) : 0;

    /// <summary>Fullest occupancy as a share of capacity (may pass 1 for sockets, whose accounting can overshoot by a chunk).</summary>
    public double MaxFill => CapacityBytes > 0 ? MaxOccupancyBytes / (double)CapacityBytes : 0;
}
