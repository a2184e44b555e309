namespace Arbiter.Core.Scheduling.Simulation;

/// <summary>
/// Whole-run figures. The run spans from the first arrival to the last completion (<see cref="Span"/>).
/// </summary>
/// <param name="AverageResponse">Mean response over the jobs.</param>
/// <param name="AverageTurnaround">Mean turnaround.</param>
/// <param name="AverageWait">Mean wait.</param>
/// <param name="Start">First arrival.</param>
/// <param name="End">Last completion.</param>
/// <param name="Busy">CPU ticks spent running jobs, over all CPUs (= the sum of the lengths).</param>
/// <param name="ContextSwitches">Dispatches of a job on a CPU whose previous job was a different one.</param>
/// <param name="Fairness">Jain's index over the contention window (see <see cref="Fairness"/>), or null when the window is empty.</param>
/// <param name="FairnessWindowStart">Start of the contention window: the last arrival.</param>
/// <param name="FairnessWindowEnd">End of the contention window: the first completion.</param>
/// <param name="Events">Events the engine processed: arrivals, I/O completions, CPU stops and timer firings.</param>
public sealed record RunMetrics(
    double AverageResponse, double AverageTurnaround, double AverageWait,
    long Start, long End, long Busy, long ContextSwitches,
    double? Fairness, long FairnessWindowStart, long FairnessWindowEnd, long Events)
{
    /// <summary>Last completion − first arrival.</summary>
    public long Span => End - Start;
}
