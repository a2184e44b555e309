namespace Arbiter.Sync.Prevention;

/// <summary>Settings of <see cref="OrderedLocking.TryEnterAll"/>.</summary>
public sealed record RetryOptions
{
    /// <summary>How long to wait for each lock before giving up the attempt. Default 10 ms.</summary>
    public TimeSpan TimeoutPerLock { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Attempts before giving up. Default 10.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Pause after the first failed attempt; doubles after each (randomised ±50 %). Default 1 ms.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Longest pause. Default 100 ms.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Seed of the backoff jitter, for reproducible tests; null uses a shared random source.</summary>
    public int? Seed { get; init; }
}
