using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Labs;

/// <summary>What a dining-philosophers run produced.</summary>
public sealed record PhilosophersResult
{
    /// <summary>The settings of the run.</summary>
    public required PhilosophersOptions Options { get; init; }

    /// <summary>Meals eaten by each philosopher.</summary>
    public required IReadOnlyList<int> Meals { get; init; }

    /// <summary>Longest time each philosopher was hungry (from reaching for forks to eating).</summary>
    public required IReadOnlyList<TimeSpan> MaxWait { get; init; }

    /// <summary>Deadlocks the watchdog found (each broken by making one philosopher put its fork down).</summary>
    public required IReadOnlyList<DeadlockReport> Deadlocks { get; init; }

    /// <summary>Times a philosopher was chosen as victim, put its fork down and tried again.</summary>
    public required int Recoveries { get; init; }

    /// <summary>What the lock-order validator reported (the circular fork order, for naive and waiter).</summary>
    public required IReadOnlyList<LockOrderReport> Inversions { get; init; }

    /// <summary>Meals eaten before the validator's first report; null when it reported nothing.</summary>
    public required int? MealsBeforeFirstInversion { get; init; }

    /// <summary>Wall time of the run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>All meals.</summary>
    public int TotalMeals => Meals.Sum();
}
