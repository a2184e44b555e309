using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Sweeps;

/// <summary>
/// Runs one simulation per seed and gathers violations and a worst case. Runs may go in parallel across cores:
/// each seed's run is deterministic and independent, and results are returned in seed order, so a sweep's answer
/// does not depend on the parallelism.
/// </summary>
public static class Sweep
{
    /// <summary>
    /// Runs <paramref name="run"/> for every seed of <paramref name="seeds"/>; <paramref name="metric"/> (optional)
    /// reads the number whose maximum is the worst case (e.g. max wait).
    /// </summary>
    /// <param name="seeds">The seeds.</param>
    /// <param name="run">Builds and runs the simulation for one seed (build everything inside: invariants hold state).</param>
    /// <param name="metric">The worst-case measure of a run, or null.</param>
    /// <param name="parallelism">Runs at once; 1 for sequential, default: the processor count.</param>
    /// <param name="cancellation">Stops the sweep early.</param>
    public static SweepResult Run(SeedRange seeds, Func<int, SimulationResult> run, Func<SimulationResult, double>? metric = null,
        int? parallelism = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var runs = new SweepRun[seeds.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount, CancellationToken = cancellation };
        Parallel.For(0, seeds.Count, options, i =>
        {
            int seed = seeds.First + i;
            SimulationResult result = run(seed);
            runs[i] = new SweepRun(seed, result.Violations, metric is null ? double.NaN : metric(result));
        });
        return new SweepResult(seeds, runs);
    }
}
