namespace Arbiter.Core.Scheduling.Simulation;

/// <summary>
/// What happened to one job. Response = first run − arrival; turnaround = completion − arrival;
/// wait = time runnable but not running = turnaround − length − time blocked on I/O.
/// </summary>
/// <param name="Job">Index of the job in its workload.</param>
/// <param name="Name">The job's name.</param>
/// <param name="Arrival">Arrival tick.</param>
/// <param name="Length">CPU ticks needed.</param>
/// <param name="FirstRun">Tick the job first ran.</param>
/// <param name="Completion">Tick the job's last CPU tick ended.</param>
/// <param name="Blocked">Ticks spent blocked on I/O.</param>
public sealed record JobMetrics(int Job, string Name, long Arrival, long Length, long FirstRun, long Completion, long Blocked)
{
    /// <summary>First run − arrival.</summary>
    public long Response => FirstRun - Arrival;

    /// <summary>Completion − arrival.</summary>
    public long Turnaround => Completion - Arrival;

    /// <summary>Time runnable but not running.</summary>
    public long Wait => Turnaround - Length - Blocked;
}
