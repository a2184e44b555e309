namespace Arbiter.Isolation.Supervision;

/// <summary>The policy restarts the workload after <paramref name="Delay"/>; <paramref name="Restarts"/> counts this one.</summary>
/// <param name="At">When the decision was made (the restart happens at At + Delay).</param>
/// <param name="Delay">The backoff delay.</param>
/// <param name="Restarts">Restarts so far, this one included.</param>
public sealed record RestartScheduled(DateTimeOffset At, TimeSpan Delay, int Restarts) : SupervisorEvent(At);
