using Arbiter.Sync.Labs;
using Arbiter.Sync.Spinning;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>
/// The race lab's critical section as a benchmark: each gang thread increments one non-atomic shared counter K
/// times under a lock. The gang wakes its threads at slightly different times and may wake two on one core, so they
/// meet again at the lab's <see cref="RaceStartLine"/>, which with no more threads than cores waits (up to 20 ms)
/// until all of them are seen running at once: otherwise the locks would partly be measured taking turns on one
/// core, where every hand-off is a yield.
/// </summary>
internal static class SharedCounterWorkload
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMilliseconds(20);

    public static long Run(WorkerGang gang, ICriticalSectionLock criticalSection, int incrementsPerThread)
    {
        var counter = new RaceCounter();
        var startLine = new RaceStartLine(gang.Size, StartPatience);
        gang.Run(thread =>
        {
            startLine.Arrive(thread);
            for (int i = 0; i < incrementsPerThread; i++)
            {
                criticalSection.Enter(thread);
                counter.IncrementNonAtomically(thread);
                criticalSection.Exit(thread);
            }
        });
        return counter.Value;
    }
}
