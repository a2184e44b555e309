namespace Arbiter.Store.Client;

/// <summary>How a resuming watch backs off between reconnections (doubling from the first delay up to the cap).</summary>
public sealed record WatchResumeOptions
{
    /// <summary>The delay before the first reconnection after a break (default 100 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two tries (default 2 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock the delays run on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The delay before the <paramref name="attempt"/>-th reconnection in a row (1-based).</summary>
    public TimeSpan Backoff(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        double factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
    }
}
