namespace Arbiter.Isolation.Supervision;

/// <summary>The workload was started; <paramref name="Run"/> is 1 for the first start, 2 after the first restart, …</summary>
/// <param name="At">When.</param>
/// <param name="Run">Which run this is.</param>
public sealed record WorkloadStarted(DateTimeOffset At, int Run) : SupervisorEvent(At);
