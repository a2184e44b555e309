namespace Arbiter.Sync.Labs;

/// <summary>What the bounded-buffer experiment checked and measured.</summary>
/// <param name="Items">Items produced.</param>
/// <param name="Consumed">Takes that returned an item.</param>
/// <param name="Duplicates">Items consumed more than once (extra copies): must be 0.</param>
/// <param name="Missing">Items never consumed: must be 0.</param>
/// <param name="ExpectedChecksum">Sum of a hash of every item number.</param>
/// <param name="ActualChecksum">The same sum over what the consumers received.</param>
/// <param name="Capacity">Slots.</param>
/// <param name="MaxOccupancy">The most items ever inside at once: must be ≤ capacity.</param>
/// <param name="Elapsed">From the first put to the last take.</param>
/// <param name="ItemsPerSecond">Throughput.</param>
/// <param name="ProducersBlocked">Time producers spent blocked on a full buffer, summed over producers.</param>
/// <param name="ConsumersBlocked">Time consumers spent blocked on an empty buffer, summed over consumers.</param>
public sealed record BoundedBufferResult(
    long Items,
    long Consumed,
    long Duplicates,
    long Missing,
    ulong ExpectedChecksum,
    ulong ActualChecksum,
    int Capacity,
    int MaxOccupancy,
    TimeSpan Elapsed,
    double ItemsPerSecond,
    TimeSpan ProducersBlocked,
    TimeSpan ConsumersBlocked)
{
    /// <summary>Every item consumed exactly once (count, bitmap and checksum agree).</summary>
    public bool ExactlyOnce => Consumed == Items && Duplicates == 0 && Missing == 0 && ExpectedChecksum == ActualChecksum;

    /// <summary>The buffer never held more than its capacity.</summary>
    public bool WithinCapacity => MaxOccupancy <= Capacity;
}
