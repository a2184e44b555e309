namespace Arbiter.Isolation.Supervision;

/// <summary>The workload's run ended (exit code, signal, OOM kill or failed start) after <paramref name="Uptime"/>.</summary>
/// <param name="At">When.</param>
/// <param name="Run">Which run ended.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Uptime">How long it ran.</param>
public sealed record WorkloadExited(DateTimeOffset At, int Run, ExitOutcome Outcome, TimeSpan Uptime) : SupervisorEvent(At);
