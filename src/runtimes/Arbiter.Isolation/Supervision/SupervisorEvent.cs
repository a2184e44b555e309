namespace Arbiter.Isolation.Supervision;

/// <summary>
/// Something that happened to a supervised workload, at <paramref name="At"/> (the supervisor's TimeProvider).
/// Subtypes: <see cref="WorkloadStarted"/>, <see cref="WorkloadExited"/>, <see cref="WorkloadOomKilled"/>,
/// <see cref="RestartScheduled"/>, <see cref="SupervisionEnded"/>.
/// </summary>
/// <param name="At">When it happened.</param>
public abstract record SupervisorEvent(DateTimeOffset At);
