namespace Arbiter.Distributed.Sweeps;

/// <summary>The outcome of one seed of a sweep.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Violations">The run's violations (each carries the seed, the time and the recent events).</param>
/// <param name="Metric">The sweep's metric for this run (e.g. max wait in ms); NaN when none.</param>
public sealed record SweepRun(int Seed, IReadOnlyList<Simulation.Violation> Violations, double Metric)
{
    /// <summary>True when the run kept every invariant.</summary>
    public bool Passed => Violations.Count == 0;
}
