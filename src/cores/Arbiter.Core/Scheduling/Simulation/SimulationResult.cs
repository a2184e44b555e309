namespace Arbiter.Core.Scheduling.Simulation;

/// <summary>The outcome of one run: per-job metrics, whole-run metrics and the timeline.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Cpus">Number of CPUs.</param>
/// <param name="Jobs">Per-job metrics, in workload order.</param>
/// <param name="Run">Whole-run metrics.</param>
/// <param name="Timeline">Run segments in the order they started (empty when not recorded).</param>
/// <param name="Io">I/O segments in the order they ended (empty when not recorded).</param>
public sealed record SimulationResult(string Policy, int Cpus, IReadOnlyList<JobMetrics> Jobs, RunMetrics Run, IReadOnlyList<RunSegment> Timeline, IReadOnlyList<IoSegment> Io)
{
    /// <summary>Completed jobs per tick over the run's span.</summary>
    public double Throughput => Run.Span == 0 ? 0 : Jobs.Count / (double)Run.Span;

    /// <summary>Share of CPU capacity spent running jobs over the run's span (0 … 1).</summary>
    public double Utilisation => Run.Span == 0 ? 0 : Run.Busy / ((double)Run.Span * Cpus);
}
