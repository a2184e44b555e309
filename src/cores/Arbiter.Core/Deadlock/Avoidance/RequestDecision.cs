namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>The Banker's decision on one request, evaluated without changing the ledger.</summary>
/// <param name="Outcome">Granted, or why not.</param>
/// <param name="SafeSequence">When granted: a safe sequence of the state with the request applied (canonical order).</param>
/// <param name="Unfinished">When unsafe: the processes that could not be guaranteed to finish, ascending.</param>
public sealed record RequestDecision(RequestOutcome Outcome, IReadOnlyList<int> SafeSequence, IReadOnlyList<int> Unfinished)
{
    /// <summary>True when the request can be granted.</summary>
    public bool Granted => Outcome == RequestOutcome.Granted;

    /// <summary>The kebab-case reason: "safe", "exceeds-available", "unsafe" or "exceeds-claim".</summary>
    public string Reason => Outcome.Reason();
}
