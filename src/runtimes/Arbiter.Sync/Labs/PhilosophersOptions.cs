namespace Arbiter.Sync.Labs;

/// <summary>Settings of a dining-philosophers run.</summary>
public sealed record PhilosophersOptions
{
    /// <summary>Philosophers (and forks) around the table; at least 2.</summary>
    public int Seats { get; init; } = 5;

    /// <summary>How forks are picked up.</summary>
    public PhilosopherStrategy Strategy { get; init; } = PhilosopherStrategy.Naive;

    /// <summary>How long the philosophers dine.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a philosopher holds its first fork before reaching for the second (the classic "everyone picks up
    /// the left fork at once"); it makes the naive strategy's deadlock likely within a short run.
    /// </summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How often the deadlock watchdog scans.</summary>
    public TimeSpan WatchdogInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Seed of the random think and eat times (up to one millisecond each).</summary>
    public int Seed { get; init; } = 1;
}
