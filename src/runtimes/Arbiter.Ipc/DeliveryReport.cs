namespace Arbiter.Ipc;

/// <summary>
/// What a receiver found in the frames it got: each one's checksum (intact) and sequence number (in order: exactly
/// the one after the previous). The lab's claim "N messages, all intact, in order" is this report, made by the
/// process that received them.
/// </summary>
/// <param name="Received">Frames received.</param>
/// <param name="Intact">Frames whose checksum matched.</param>
/// <param name="InOrder">Frames carrying the expected sequence number.</param>
/// <param name="FirstProblem">The first bad frame, described; null when there was none.</param>
public sealed record DeliveryReport(long Received, long Intact, long InOrder, string? FirstProblem)
{
    /// <summary>True when <paramref name="expected"/> frames arrived and every one was intact and in order.</summary>
    public bool AllDelivered(long expected) => Received == expected && Intact == expected && InOrder == expected;
}
