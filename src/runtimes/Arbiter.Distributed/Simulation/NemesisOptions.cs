namespace Arbiter.Distributed.Simulation;

/// <summary>
/// Rates of a random nemesis (Jepsen's term for the fault injector): crashes and partitions arrive as Poisson
/// processes, each healed after an exponential time, all healed by <see cref="Until"/>.
/// </summary>
public sealed record NemesisOptions
{
    /// <summary>A moderate default: a crash every 2 s and a partition every 3 s on average, during the first 10 s.</summary>
    public static NemesisOptions Default { get; } = new();

    /// <summary>Crashes per second of true time (across the group); 0 for none.</summary>
    public double CrashRate { get; init; } = 0.5;

    /// <summary>Mean time a crashed node stays down before it restarts.</summary>
    public TimeSpan MeanDowntime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Partitions per second of true time; 0 for none. Partitions do not overlap.</summary>
    public double PartitionRate { get; init; } = 1.0 / 3;

    /// <summary>Mean time a partition lasts before it heals.</summary>
    public TimeSpan MeanPartition { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Faults start before this time, and every crashed node is restarted and every partition healed by it.</summary>
    public TimeSpan Until { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many nodes down at once; null means a minority ((N − 1) / 2), so a majority stays up.</summary>
    public int? MaxDown { get; init; }
}
