// Source: the bounded-waiting requirement (Silberschatz et al., Operating System Concepts, §6.2) measured rather
// than claimed; p99.9 latency as in G. Tene's "How NOT to Measure Latency" (tail percentiles, not means).
//
// Summary: T threads hammer one primitive for a duration. Before each acquire a thread draws a global request
// number and notes the time; once it holds the primitive it draws a grant number and notes the wait. It checks the
// primitive's safety while inside (no second writer, no more holders than units), works, releases, works outside
// and repeats. When the time is up, threads still waiting are cancelled and logged as unserved (their waits are
// lower bounds). From the log: acquisitions, throughput, bypass counts (FairnessBypass) and wait percentiles.
//
// Cost: O(1) per acquisition while running (a preallocated log, two shared counters); O(n log n) analysis.
using System.Diagnostics;
using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Labs;

/// <summary>Fairness measured, not claimed: runs real threads against a production primitive and reports bypasses and tail waits.</summary>
public static class FairnessExperiment
{
    private static readonly string[] RoleNames = ["readers", "writers"];

    /// <summary>Runs <paramref name="subject"/> under <paramref name="options"/> and analyses its log.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bad option (see <see cref="FairnessOptions.Validate"/>).</exception>
    public static FairnessResult Run(FairnessCase subject, FairnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var run = new FairnessRun(Contenders(subject, options), options);
        run.Execute();
        return Analyse(subject, options, run);
    }

    private static FairnessContender[] Contenders(FairnessCase subject, FairnessOptions options)
    {
        var lockOptions = new LockOptions { FifoHandoff = subject.FifoHandoff };
        var contenders = new FairnessContender[options.Threads];
        switch (subject.Primitive)
        {
            case FairnessPrimitive.Mutex:
                var mutex = new MutexLock(lockOptions);
                Array.Fill(contenders, new FairnessContender("all", FairnessRole.Exclusive, 1, mutex.Enter, mutex.Exit));
                break;
            case FairnessPrimitive.Semaphore:
                var semaphore = new CountingSemaphore(options.Permits, options.Permits, lockOptions);
                Array.Fill(contenders, new FairnessContender("all", FairnessRole.Exclusive, options.Permits, semaphore.Wait, () => semaphore.Release()));
                break;
            default:
                var rw = new ReadWriteLock(subject.Policy, lockOptions);
                var writer = new FairnessContender("writers", FairnessRole.Writer, 1, rw.EnterWrite, rw.ExitWrite);
                var reader = new FairnessContender("readers", FairnessRole.Reader, int.MaxValue, rw.EnterRead, rw.ExitRead);

                // Writers spread among readers, so that thread start order favours no role.
                for (int i = 0; i < contenders.Length; i++)
                {
                    int writers = options.WriterCount;
                    contenders[i] = (long)i * writers / contenders.Length != (long)(i + 1) * writers / contenders.Length ? writer : reader;
                }

                break;
        }

        return contenders;
    }

    private static FairnessResult Analyse(FairnessCase subject, FairnessOptions options, FairnessRun run)
    {
        var logs = run.Logs;
        int n = logs.Sum(l => l.Count);
        var requests = new long[n];
        var grants = new long[n];
        var waits = new long[n];
        var roleOf = new string[n];
        int at = 0;
        foreach (var log in logs)
        {
            log.Requests.CopyTo(requests.AsSpan(at));
            log.Grants.CopyTo(grants.AsSpan(at));
            log.WaitTicks.CopyTo(waits.AsSpan(at));
            roleOf.AsSpan(at, log.Count).Fill(log.Role);
            at += log.Count;
        }

        // Unserved requests were "granted" after everyone, in request order.
        bool[] unserved = grants.Select(g => g == FairnessThreadLog.Unserved).ToArray();
        long next = grants.DefaultIfEmpty(0).Max() + 1;
        foreach (int i in Enumerable.Range(0, n).Where(i => grants[i] == FairnessThreadLog.Unserved).OrderBy(i => requests[i]))
        {
            grants[i] = next++;
        }

        int[] bypass = FairnessBypass.Compute(requests, grants);
        var overall = RoleResult("all", Enumerable.Range(0, n).ToList(), options.Threads);
        var roles = subject.Primitive == FairnessPrimitive.ReadWriteLock
            ? RoleNames
                .Select(r => RoleResult(r, Enumerable.Range(0, n).Where(i => roleOf[i] == r).ToList(), logs.Count(l => l.Role == r)))
                .ToList()
            : [overall];
        return new FairnessResult(subject.PrimitiveName, subject.PolicyName, options.Threads, run.Elapsed, run.Truncated, run.Violations, overall, roles);

        FairnessRoleResult RoleResult(string role, List<int> members, int threads)
        {
            long waiting = members.LongCount(i => unserved[i]);
            long[] sorted = members.Select(i => waits[i]).Order().ToArray();
            long[] bypasses = members.Select(i => (long)bypass[i]).Order().ToArray();
            double seconds = Math.Max(run.Elapsed.TotalSeconds, 1e-9);
            long acquisitions = members.Count - waiting;
            return new FairnessRoleResult(
                role,
                threads,
                acquisitions,
                waiting,
                acquisitions / seconds,
                bypasses.LastOrDefault(),
                FairnessStatistics.Percentile(bypasses, 99.9),
                Micros(FairnessStatistics.Percentile(sorted, 99.9)),
                Micros(sorted.LastOrDefault()),
                sorted.Length == 0 ? 0 : Micros((long)sorted.Average()));
        }
    }

    private static double Micros(long ticks) => Math.Round(ticks * 1e6 / Stopwatch.Frequency, 1);
}
