using Arbiter.Sync.Labs;
using Arbiter.Sync.Spinning;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>
/// One benchmark operation = one run of the race lab (<see cref="RaceExperiment"/>): N fresh OS threads, released
/// together once all are running, each incrementing one non-atomic shared counter K times under the lock.
/// </summary>
/// <remarks>
/// Fresh threads every time, as in the lab, because Linux spreads new threads over the cores: a reused gang of
/// sleeping threads is woken wherever the scheduler likes, and a whole gang can end up queued on one core taking
/// turns while the other idles, which measured a contended ticket lock at 3 ns per increment. The cost is that each
/// operation includes creating N + 1 threads (about 0.15–0.4 ms each on this VM), the same for every lock, which
/// compresses the ratios a little; the lab's own ns/increment excludes it.
/// </remarks>
internal static class RaceBenchmark
{
    /// <summary>Increments per thread: a run spans several scheduler time slices, so that with 8 threads holders really are preempted.</summary>
    public const int IncrementsPerThread = 100_000;

    private static readonly TimeSpan StartPatience = TimeSpan.FromMilliseconds(20);

    public static long Run(ICriticalSectionLock criticalSection, int threads)
    {
        var result = RaceExperiment.Run("bench", criticalSection, threads, IncrementsPerThread, StartPatience);
        return result.LostUpdates == 0 ? result.Actual : throw new InvalidOperationException($"{criticalSection.GetType().Name} lost {result.LostUpdates} updates");
    }
}
