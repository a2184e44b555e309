using Arbiter.Core.Scheduling.Workload;

namespace Arbiter.Core.Scheduling.Policies;

/// <summary>What a policy is given when a run starts: the jobs, the number of CPUs and the jobs' progress.</summary>
/// <param name="Jobs">The workload; a job is named by its index in it.</param>
/// <param name="Cpus">Number of CPUs (≥ 1).</param>
/// <param name="Progress">The engine's view of each job's remaining work.</param>
public sealed record SchedulingContext(JobList Jobs, int Cpus, IJobProgress Progress);
