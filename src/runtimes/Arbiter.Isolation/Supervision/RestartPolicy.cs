using System.Globalization;

namespace Arbiter.Isolation.Supervision;

/// <summary>
/// A restart policy with capped exponential backoff: the k-th consecutive restart waits
/// min(<see cref="MaxDelay"/>, <see cref="InitialDelay"/>·<see cref="Multiplier"/>^k), spread by ±<see cref="Jitter"/>
/// (a fraction) from a seeded random, so that many workloads failing together do not restart in lockstep.
/// A run that lasted <see cref="ResetAfter"/> or longer was healthy: the backoff starts again from the initial delay.
/// </summary>
/// <param name="Mode">Never, on-failure or always.</param>
/// <param name="MaxRestarts">At most this many restarts in total (null: no limit). Healthy runs do not reset it.</param>
/// <param name="InitialDelay">Delay before the first restart (default 1 s).</param>
/// <param name="MaxDelay">The cap (default 5 min, Kubernetes' CrashLoopBackOff cap).</param>
/// <param name="Multiplier">Growth per consecutive restart (default 2).</param>
/// <param name="Jitter">Relative spread in [0, 1): a delay d becomes d·(1 ± Jitter), still capped (default 0.1).</param>
/// <param name="ResetAfter">A run at least this long resets the backoff (default 10 min, as Kubernetes).</param>
/// <param name="Seed">Seed of the jitter's random numbers: the same seed gives the same delays.</param>
public sealed record RestartPolicy(
    RestartMode Mode,
    int? MaxRestarts = null,
    TimeSpan? InitialDelay = null,
    TimeSpan? MaxDelay = null,
    double Multiplier = 2.0,
    double Jitter = 0.1,
    TimeSpan? ResetAfter = null,
    int Seed = 0)
{
    /// <summary>Never restart.</summary>
    public static RestartPolicy Never { get; } = new(RestartMode.Never);

    /// <summary>Restart after every exit, with the default backoff.</summary>
    public static RestartPolicy Always { get; } = new(RestartMode.Always);

    /// <summary>Restart after a failure, at most <paramref name="maxRestarts"/> times (null: no limit).</summary>
    public static RestartPolicy OnFailure(int? maxRestarts = null) => new(RestartMode.OnFailure, maxRestarts);

    /// <summary>The first delay (1 s unless given).</summary>
    public TimeSpan Initial => InitialDelay ?? TimeSpan.FromSeconds(1);

    /// <summary>The cap (5 min unless given).</summary>
    public TimeSpan Cap => MaxDelay ?? TimeSpan.FromMinutes(5);

    /// <summary>The healthy-run length that resets the backoff (10 min unless given).</summary>
    public TimeSpan Reset => ResetAfter ?? TimeSpan.FromMinutes(10);

    /// <summary>Parses "never", "always", "on-failure" or "on-failure:N" (docker's syntax), or "always:N" (always, at most N restarts).</summary>
    /// <exception cref="FormatException">Anything else, with the accepted forms in the message.</exception>
    public static RestartPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        if (t == "never" || t == "no")
        {
            return Never;
        }

        if (t == "always")
        {
            return Always;
        }

        if (t == "on-failure")
        {
            return OnFailure();
        }

        if (t.StartsWith("on-failure:", StringComparison.Ordinal)
            && int.TryParse(t["on-failure:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return OnFailure(n);
        }

        // Not docker's: "always" with a limit, which the policy supports (a bounded job, or a test).
        if (t.StartsWith("always:", StringComparison.Ordinal)
            && int.TryParse(t["always:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int a))
        {
            return Always with { MaxRestarts = a };
        }

        throw new FormatException($"restart policy '{text}': expected never, always, always:N, on-failure or on-failure:N");
    }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative limit or delay, a cap below the initial delay, a multiplier below 1, jitter outside [0, 1).</exception>
    public void Validate()
    {
        if (MaxRestarts is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRestarts), MaxRestarts, "must not be negative");
        }

        if (Initial < TimeSpan.Zero || Cap < Initial)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), Cap, $"delays must satisfy 0 ≤ initial ({Initial}) ≤ max");
        }

        if (!(Multiplier >= 1.0) || double.IsInfinity(Multiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(Multiplier), Multiplier, "must be at least 1");
        }

        if (!(Jitter >= 0.0 && Jitter < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "must be in [0, 1)");
        }
    }
}
