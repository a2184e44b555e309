namespace Arbiter.Isolation.Supervision;

/// <summary>The run was killed by the OOM killer; follows its <see cref="WorkloadExited"/>, so OOM kills can be counted on their own.</summary>
/// <param name="At">When.</param>
/// <param name="Run">Which run was killed.</param>
public sealed record WorkloadOomKilled(DateTimeOffset At, int Run) : SupervisorEvent(At);
