namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Settings of the completely fair scheduler; defaults are OSTEP's (ch. 9 §9.7): target latency 48, minimum
/// granularity 6 (Linux's own defaults are 6 ms and 0.75 ms, the same ratio).
/// </summary>
/// <param name="TargetLatency">The period in which every runnable job should run once (ticks).</param>
/// <param name="MinGranularity">The least a slice may be before the period stretches (ticks).</param>
public sealed record CfsOptions(long TargetLatency = 48, long MinGranularity = 6)
{
    /// <summary>Throws <see cref="ArgumentException"/> for settings out of range.</summary>
    public void Validate()
    {
        if (TargetLatency < 1 || MinGranularity < 1)
        {
            throw new ArgumentException("CFS target latency and minimum granularity must be at least 1");
        }
    }
}
