namespace Arbiter.Core.Scheduling.Policies;

/// <summary>What the engine tells a policy about a job's progress (kept up to date at every event).</summary>
public interface IJobProgress
{
    /// <summary>Ticks of CPU the job still needs.</summary>
    long Remaining(int job);
}
