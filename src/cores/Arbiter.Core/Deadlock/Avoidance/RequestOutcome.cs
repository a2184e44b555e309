namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>What the Banker's algorithm decides about a resource request (reason strings in <see cref="RequestOutcomeExtensions.Reason"/>).</summary>
public enum RequestOutcome
{
    /// <summary>"safe": granting leaves the system in a safe state; the request is granted.</summary>
    Granted,

    /// <summary>"exceeds-available": fewer instances are free than requested; the process must wait.</summary>
    ExceedsAvailable,

    /// <summary>"unsafe": granting would leave no safe sequence; the process must wait.</summary>
    Unsafe,

    /// <summary>"exceeds-claim": the request is larger than the process's remaining claim (Need); an error.</summary>
    ExceedsClaim,
}
