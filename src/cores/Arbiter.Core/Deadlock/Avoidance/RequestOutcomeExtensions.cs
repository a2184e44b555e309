namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>The stable kebab-case reason strings of <see cref="RequestOutcome"/> (used in JSON output and labs).</summary>
public static class RequestOutcomeExtensions
{
    /// <summary>"safe", "exceeds-available", "unsafe" or "exceeds-claim".</summary>
    public static string Reason(this RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Granted => "safe",
        RequestOutcome.ExceedsAvailable => "exceeds-available",
        RequestOutcome.Unsafe => "unsafe",
        RequestOutcome.ExceedsClaim => "exceeds-claim",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown request outcome"),
    };
}
