using Arbiter.Sync.Labs;
using Arbiter.Sync.Spinning;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>
/// The race lab's critical section as a benchmark: each gang thread increments one non-atomic shared counter K
/// times under a lock. The gang's blocking barrier wakes the threads at slightly different times, so they meet
/// again at the lab's <see cref="RaceStartLine"/> (spinning, then yielding) before they start, and contend from the
/// first increment; the heartbeat check is off because the gang's threads are long spread over the cores.
/// </summary>
internal static class SharedCounterWorkload
{
    public static long Run(WorkerGang gang, ICriticalSectionLock criticalSection, int incrementsPerThread)
    {
        var counter = new RaceCounter();
        var startLine = new RaceStartLine(gang.Size, waitForCoRun: false);
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
