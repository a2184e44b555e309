using Arbiter.Sync.Labs;
using Arbiter.Sync.Spinning;

namespace Arbiter.Bench.Sync.Spinning;

/// <summary>The race lab's critical section as a benchmark: each gang thread increments one non-atomic shared counter K times under a lock.</summary>
internal static class SharedCounterWorkload
{
    public static long Run(WorkerGang gang, ICriticalSectionLock criticalSection, int incrementsPerThread)
    {
        var counter = new RaceCounter();
        gang.Run(thread =>
        {
            for (int i = 0; i < incrementsPerThread; i++)
            {
                criticalSection.Enter(thread);
                counter.IncrementNonAtomically();
                criticalSection.Exit(thread);
            }
        });
        return counter.Value;
    }
}
