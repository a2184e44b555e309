using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Arbiter.Sync.Spinning;

namespace Arbiter.Sync.Labs;

/// <summary>
/// The race lab (seed week 1, coding exercise): N OS threads each increment a shared counter K times, non-atomically,
/// inside the critical section of a given lock. Without a lock updates are lost; with a correct lock the counter
/// reads exactly N × K.
/// </summary>
/// <remarks>
/// The threads are released together from a <see cref="RaceStartLine"/>, which makes sure they are really running at
/// the same time, each on its own core when there are enough cores (see there why that needs care); the clock runs
/// from that start until the last thread has finished. Time is measured with <see cref="Stopwatch"/> timestamps.
/// </remarks>
public static class RaceExperiment
{
    /// <summary>The most threads one run may start.</summary>
    public const int MaxThreads = 512;

    /// <summary>
    /// How many times a run without a lock is tried before the lab accepts that no update was lost: threads that
    /// never ran at the same time cannot lose one (see <see cref="RaceOverlap"/>), and the lab exists to show the race.
    /// </summary>
    public const int MaxAttemptsWithoutLock = 5;

    private const long WarmUpIterations = 2_000;

    /// <summary>Runs the lock called <paramref name="lockName"/> (see <see cref="RaceLocks"/>).</summary>
    /// <remarks>
    /// Without a lock (<c>none</c>) and with two or more threads, the run is repeated, up to
    /// <see cref="MaxAttemptsWithoutLock"/> times, until an update is lost; the result says how many attempts it took
    /// and how long the threads really ran together, so a run that lost nothing can say why.
    /// </remarks>
    /// <exception cref="ArgumentException">Unknown lock, or one that cannot serve that many threads.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Threads outside 1..<see cref="MaxThreads"/> or iterations below 1.</exception>
    public static RaceResult Run(string lockName, int threads, long iterations)
    {
        ValidateCounts(threads, iterations);
        var criticalSection = RaceLocks.Create(lockName, threads);
        RaceResult result = Run(lockName, criticalSection, threads, iterations);
        if (criticalSection is NoLock && threads > 1)
        {
            while (result.LostUpdates == 0 && result.Attempts < MaxAttemptsWithoutLock)
            {
                result = RunOnce(lockName, criticalSection, threads, iterations, startPatience: null) with { Attempts = result.Attempts + 1 };
            }
        }

        return result;
    }

    /// <summary>Runs <paramref name="criticalSection"/>, reported under <paramref name="name"/>.</summary>
    /// <param name="name">The name the result carries.</param>
    /// <param name="criticalSection">The lock; its thread indices 0..threads − 1 are used.</param>
    /// <param name="threads">How many OS threads race.</param>
    /// <param name="iterations">Increments per thread.</param>
    /// <param name="startPatience">How long the start line waits for all threads to run at once (default
    /// <see cref="RaceStartLine.Patience"/>); benchmarks that repeat runs pass less.</param>
    /// <exception cref="ArgumentOutOfRangeException">Threads outside 1..min(<see cref="MaxThreads"/>, the lock's limit) or iterations below 1.</exception>
    public static RaceResult Run(string name, ICriticalSectionLock criticalSection, int threads, long iterations, TimeSpan? startPatience = null)
    {
        ArgumentNullException.ThrowIfNull(criticalSection);
        ValidateCounts(threads, iterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, criticalSection.MaxThreads);
        if (threads > long.MaxValue / iterations)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), "threads × iterations overflows a 64-bit counter");
        }

        // Warm-up on one thread first, so that the JIT has compiled Enter, Exit and the increment: otherwise the
        // first thread to call each one compiles it while the others block on the JIT, and the threads drift apart.
        RunOnce(name, criticalSection, 1, Math.Min(iterations, WarmUpIterations), startPatience);
        return RunOnce(name, criticalSection, threads, iterations, startPatience);
    }

    private static RaceResult RunOnce(string name, ICriticalSectionLock criticalSection, int threads, long iterations, TimeSpan? startPatience)
    {
        var counter = new RaceCounter();
        var startLine = new RaceStartLine(threads, startPatience);
        ExceptionDispatchInfo? failure = null;
        var workers = new Thread[threads];
        var begins = new long[threads];
        var ends = new long[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                try
                {
                    startLine.Arrive(index);
                    begins[index] = Stopwatch.GetTimestamp();
                    IncrementMany(criticalSection, counter, index, iterations);
                    ends[index] = Stopwatch.GetTimestamp();
                }
                catch (Exception e)
                {
                    // An exception escaping a thread would kill the process; hand it to the caller instead.
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                }
            })
            { IsBackground = true, Name = $"race-{index}" };
            workers[t].Start();
        }

        // The caller blocks rather than spins: an idle core makes the scheduler pull a waiting worker onto it.
        foreach (var worker in workers)
        {
            worker.Join();
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(startLine.StartTimestamp);
        failure?.Throw();
        // Join made every worker's writes to begins and ends visible here.
        return new RaceResult(name, threads, iterations, counter.Value, counter.HandOffs, elapsed)
        {
            Concurrent = RaceOverlap.AtLeastTwo(begins, ends),
        };
    }

    /// <summary>The measured loop: the entry section, counter++, the exit section.</summary>
    /// <remarks>
    /// Compiled fully optimized at once (as are the locks' Enter and Exit): tiered compilation would run it as
    /// unoptimized tier-0 code for at least the first 100 ms, longer than a whole run, and the lab would time the JIT's
    /// first draft rather than the locks.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void IncrementMany(ICriticalSectionLock criticalSection, RaceCounter counter, int index, long iterations)
    {
        for (long i = 0; i < iterations; i++)
        {
            criticalSection.Enter(index);
            counter.IncrementNonAtomically(index);
            criticalSection.Exit(index);
        }
    }

    private static void ValidateCounts(int threads, long iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, MaxThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
    }
}
