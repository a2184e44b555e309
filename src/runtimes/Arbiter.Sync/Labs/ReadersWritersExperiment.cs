// Source: the readers-writers problem of P. J. Courtois, F. Heymans and D. L. Parnas (CACM 14(10), 1971), as the
// seed (004, week 2) states it; phase-fair locks: Brandenburg & Anderson (ECRTS 2009).
//
// Summary: R reader threads and W writer threads use one production ReadWriteLock under the chosen policy for a
// duration, through the fairness experiment (same log, same safety checks). Reported per role: acquisitions,
// throughput, maximum and p99.9 wait, bypasses, and which role starved (a wait of a large fraction of the run).
//
// Cost: as FairnessExperiment.
namespace Arbiter.Sync.Labs;

/// <summary>The readers-writers lab: throughput and waits of readers and of writers under one policy.</summary>
public static class ReadersWritersExperiment
{
    /// <summary>Runs the experiment.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No thread at all, a negative count or work, a non-positive duration, a starvation fraction outside (0, 1].</exception>
    public static ReadersWritersResult Run(ReadersWritersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Readers, nameof(options.Readers));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Writers, nameof(options.Writers));
        if (options.StarvationFraction is <= 0 or > 1 || double.IsNaN(options.StarvationFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StarvationFraction, "StarvationFraction must be in (0, 1].");
        }

        var result = FairnessExperiment.Run(
            new FairnessCase(FairnessPrimitive.ReadWriteLock, Policy: options.Policy),
            new FairnessOptions
            {
                Threads = options.Readers + options.Writers,
                Writers = options.Writers,
                Duration = options.Duration,
                ReadWork = options.ReadWork,
                CriticalWork = options.WriteWork,
                OutsideWork = options.OutsideWork,
            });
        var readers = result.Roles.Single(r => r.Role == "readers");
        var writers = result.Roles.Single(r => r.Role == "writers");
        double limit = result.Elapsed.TotalMilliseconds * 1000 * options.StarvationFraction;
        var starved = new[] { readers, writers }.Where(r => r.MaxWaitMicroseconds >= limit).Select(r => r.Role).ToList();
        return new ReadersWritersResult(result.Policy, result.Elapsed, result.Violations, result.Overall.ThroughputPerSecond, readers, writers, starved);
    }
}
