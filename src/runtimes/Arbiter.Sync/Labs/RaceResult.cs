namespace Arbiter.Sync.Labs;

/// <summary>One run of the race lab: <paramref name="Threads"/> threads each incremented a shared counter
/// <paramref name="IterationsPerThread"/> times under the lock <paramref name="Lock"/>.</summary>
/// <param name="Lock">The lock's name (see <see cref="RaceLocks.Names"/>).</param>
/// <param name="Threads">How many OS threads raced.</param>
/// <param name="IterationsPerThread">Increments each thread made.</param>
/// <param name="Actual">The counter's final value.</param>
/// <param name="HandOffs">How often the critical section passed from one thread to another: about
/// <see cref="Expected"/> for a lock that takes turns (ticket, Peterson), a handful for one that lets the same
/// thread re-enter while the others wait (test-and-set), which is unfairness made visible. Exact only under a lock.</param>
/// <param name="Elapsed">From the moment all threads were released until the last one finished.</param>
public sealed record RaceResult(string Lock, int Threads, long IterationsPerThread, long Actual, long HandOffs, TimeSpan Elapsed)
{
    /// <summary>What the counter would read if no increment were lost: threads × iterations.</summary>
    public long Expected => Threads * IterationsPerThread;

    /// <summary>Increments that another thread's write overwrote: expected − actual.</summary>
    public long LostUpdates => Expected - Actual;

    /// <summary>How many runs this result took: more than one only without a lock, when a run lost no update
    /// (see <see cref="RaceExperiment.MaxAttemptsWithoutLock"/>); the result is the last run's.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Wall time during which at least two threads were inside their increment loops at once; zero means
    /// they ran one after the other, and could not have lost an update however unprotected the counter.</summary>
    public TimeSpan Concurrent { get; init; }

    /// <summary>Wall-clock nanoseconds per increment (all threads' increments, lock included).</summary>
    public double NsPerIncrement => Elapsed.TotalNanoseconds / Expected;
}
