namespace Arbiter.Ipc;

/// <summary>
/// The throughput phase: messages streamed to a reader that reads as fast as it can, timed from the first write to
/// the peer's acknowledgement that it has read (and checked) the last one.
/// </summary>
/// <param name="Messages">Messages sent.</param>
/// <param name="PayloadBytes">Payload bytes sent (headers not counted).</param>
/// <param name="Elapsed">First write to acknowledgement.</param>
/// <param name="BlockedWrites">Messages that found the buffer full even so.</param>
/// <param name="WriterBlocked">Time the writer spent waiting for room.</param>
public sealed record ThroughputResult(int Messages, long PayloadBytes, TimeSpan Elapsed, long BlockedWrites, TimeSpan WriterBlocked)
{
    /// <summary>Messages per second.</summary>
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    /// <summary>Payload megabytes (10^6 bytes) per second.</summary>
    public double MegabytesPerSecond => PayloadBytes / 1e6 / Elapsed.TotalSeconds;
}
