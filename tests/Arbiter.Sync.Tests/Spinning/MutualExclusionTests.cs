using Arbiter.Sync.Labs;
using Arbiter.Sync.Spinning;

namespace Arbiter.Sync.Tests.Spinning;

/// <summary>
/// One contract for every lock of the race lab: many threads, a non-atomic shared counter, and the count must come
/// out exact. The last test shows that the same check does fail without a lock, so the others could fail too.
/// </summary>
public class MutualExclusionTests
{
    public static TheoryData<string> Locks => new() { "mutex", "tas", "ttas", "ticket", "cas", "peterson", "bakery" };

    private static int ThreadsFor(string name) => name == "peterson" ? 2 : 4;

    [Theory]
    [MemberData(nameof(Locks))]
    public void RaceExperiment_ManyThreadsNonAtomicCounter_NoUpdateIsLost(string name)
    {
        int threads = ThreadsFor(name);
        var result = WithTimeout.Run(() => RaceExperiment.Run(name, threads, 20_000));

        Assert.Equal(threads * 20_000L, result.Expected);
        Assert.Equal(result.Expected, result.Actual);
        Assert.Equal(0, result.LostUpdates);
    }

    [Theory]
    [MemberData(nameof(Locks))]
    public void Enter_ManyThreads_NeverTwoInsideAtOnce(string name)
    {
        int threads = ThreadsFor(name);
        ICriticalSectionLock sut = RaceLocks.Create(name, threads);
        int inside = 0;
        int overlaps = 0;
        int entries = 0;
        WithTimeout.Run(() =>
        {
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                for (int i = 0; i < 5_000; i++)
                {
                    sut.Enter(t);
                    if (Interlocked.Increment(ref inside) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    Thread.SpinWait(5); // stay inside a little, so an intruder would be seen
                    entries++; // non-atomic on purpose: only exclusion keeps it exact
                    Interlocked.Decrement(ref inside);
                    sut.Exit(t);
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        });

        Assert.Equal(0, overlaps);
        Assert.Equal(threads * 5_000, entries);
    }

    [MultiCoreFact]
    public void RaceExperiment_NoLock_LosesUpdatesWithinAFewAttempts()
    {
        // Sanity check of the check: without exclusion the same experiment loses updates. On this 2-core machine
        // nearly every run loses some; a run can lose none when another process holds a core and the two threads
        // end up taking turns on the other, so a few attempts are allowed.
        var lost = WithTimeout.Run(() =>
        {
            var attempts = new List<long>();
            for (int attempt = 0; attempt < 20 && (attempts.Count == 0 || attempts[^1] == 0); attempt++)
            {
                attempts.Add(RaceExperiment.Run("none", 2, 100_000).LostUpdates);
            }

            return attempts;
        });

        Assert.True(lost[^1] > 0, $"no update lost in {lost.Count} unprotected runs of 2 × 100,000 increments");
    }
}
