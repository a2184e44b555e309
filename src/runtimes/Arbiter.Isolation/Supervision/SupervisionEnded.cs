namespace Arbiter.Isolation.Supervision;

/// <summary>The last event: the policy gave up (clean exit under on-failure, policy never, restart limit reached).</summary>
/// <param name="At">When.</param>
/// <param name="Reason">Why, in a few words.</param>
/// <param name="Last">How the last run ended.</param>
/// <param name="Restarts">Restarts made in total.</param>
public sealed record SupervisionEnded(DateTimeOffset At, string Reason, ExitOutcome Last, int Restarts) : SupervisorEvent(At);
