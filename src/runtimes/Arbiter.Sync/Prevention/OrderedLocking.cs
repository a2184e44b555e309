// Source: seed week 4, "Deadlock prevention": breaking circular wait (a global order on resources) and
// hold-and-wait (take everything or nothing); Havender (1968) for ordered resource allocation.
//
// Summary: EnterAll takes a set of mutexes in one global order — by level, then by creation — whatever order the
// caller lists them in, so two threads locking overlapping sets can never wait in a circle. Locks of the same class
// are taken with increasing nesting subclasses, so the validator does not mistake the ordered set for recursion.
// TryEnterAll takes them in the caller's order with a timeout per lock and, on any failure, releases everything
// taken and retries after a randomised exponential backoff: a thread never waits while holding for longer than the
// timeout, which breaks hold-and-wait (at the risk of livelock, which the backoff makes unlikely).
//
// Cost: EnterAll sorts k locks, O(k log k), then k acquisitions; TryEnterAll costs at most attempts × k timed waits.
using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Prevention;

/// <summary>Deadlock prevention for sets of mutexes: ordered multi-acquire, and all-or-nothing with retry.</summary>
public static class OrderedLocking
{
    /// <summary>
    /// Takes every lock of <paramref name="locks"/> in the global order (level, then creation) and returns a scope
    /// that releases them in reverse order. Duplicates are taken once.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; nothing is held then.</exception>
    public static HeldLocks EnterAll(IEnumerable<MutexLock> locks, CancellationToken cancellationToken = default)
    {
        var ordered = GlobalOrder(locks);
        var taken = new List<MutexLock>(ordered.Count);
        try
        {
            var subclassOfClass = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var mutex in ordered)
            {
                // Same-class locks taken in a fixed order are lockdep's "nested" case: give each a new subclass.
                int subclass = subclassOfClass.TryGetValue(mutex.ClassName, out int s) ? s + 1 : 0;
                subclassOfClass[mutex.ClassName] = subclass;
                mutex.EnterNested(subclass, cancellationToken);
                taken.Add(mutex);
            }
        }
        catch
        {
            Release(taken);
            throw;
        }

        return new HeldLocks(taken);
    }

    /// <summary>
    /// Takes all of <paramref name="locks"/> or none: each lock is tried with <see cref="RetryOptions.TimeoutPerLock"/>;
    /// if one cannot be had, everything taken is released and the whole set retried after a backoff, up to
    /// <see cref="RetryOptions.MaxAttempts"/> times. Returns null when every attempt failed.
    /// </summary>
    public static HeldLocks? TryEnterAll(IReadOnlyList<MutexLock> locks, RetryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locks);
        options ??= new RetryOptions();
        var random = options.Seed is int seed ? new Random(seed) : Random.Shared;
        var distinct = locks.Distinct().ToList();
        var backoff = options.InitialBackoff;
        for (int attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            var taken = new List<MutexLock>(distinct.Count);
            bool all = true;
            try
            {
                foreach (var mutex in distinct)
                {
                    if (!mutex.TryEnter(options.TimeoutPerLock, cancellationToken))
                    {
                        all = false;
                        break;
                    }

                    taken.Add(mutex);
                }
            }
            catch
            {
                Release(taken);
                throw;
            }

            if (all)
            {
                return new HeldLocks(taken, attempt);
            }

            Release(taken);
            if (attempt < options.MaxAttempts)
            {
                // Randomised so that two threads that collided do not retry in lockstep (livelock).
                var pause = TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + random.NextDouble())));
                cancellationToken.WaitHandle.WaitOne(pause);
                cancellationToken.ThrowIfCancellationRequested();
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
            }
        }

        return null;
    }

    /// <summary>The locks in the global order EnterAll uses: by level (locks without one last), then by creation.</summary>
    public static IReadOnlyList<MutexLock> GlobalOrder(IEnumerable<MutexLock> locks)
    {
        ArgumentNullException.ThrowIfNull(locks);
        return [.. locks.Distinct().OrderBy(m => m.Level ?? int.MaxValue).ThenBy(m => m.CreationOrder)];
    }

    internal static void Release(List<MutexLock> taken)
    {
        for (int i = taken.Count - 1; i >= 0; i--)
        {
            taken[i].Exit();
        }
    }
}
