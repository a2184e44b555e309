// Source: seed week 2, "The Dining Philosophers Problem"; Dijkstra (1971) for the problem and the ordered
// solution; K. M. Chandy and J. Misra, "The Drinking Philosophers Problem", ACM TOPLAS 6(4), 1984, for clean and
// dirty forks.
//
// Summary: n philosopher threads think, get hungry, take two forks and eat, for a fixed duration, with real
// Arbiter.Sync primitives under a lock tracker: the validator watches the order forks are taken in and the watchdog
// the wait-for graph. Naive (left then right) deadlocks sooner or later: the watchdog finds the cycle of
// philosophers and forks and cancels one philosopher's wait; it puts its fork down and tries again (recovery by
// preemption). Ordered and Chandy–Misra cannot deadlock; the waiter cannot either, though the validator still
// reports its circular fork order — lockdep sees the order, not the semaphore that bounds who can take part.
using System.Diagnostics;
using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Labs;

/// <summary>Runs the dining philosophers on real threads.</summary>
public static class PhilosophersExperiment
{
    /// <summary>Runs one dinner.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 seats, or a negative duration.</exception>
    public static PhilosophersResult Run(PhilosophersOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Seats, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Duration, TimeSpan.Zero, nameof(options));

        int n = options.Seats;
        var meals = new int[n];
        var maxWait = new long[n];
        int recoveries = 0;
        int mealsBeforeInversion = -1; // −1 until the validator reports
        using var tracker = new LockTracker(new LockTrackerOptions
        {
            WatchdogInterval = options.WatchdogInterval,
            OnDeadlock = DeadlockPolicy.ThrowInVictim,
            InversionReported = _ => Interlocked.CompareExchange(ref mealsBeforeInversion, meals.Sum(), -1),
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var table = new Table(tracker, options);

        var started = Stopwatch.GetTimestamp();
        var threads = Enumerable.Range(0, n).Select(i => new Thread(() =>
        {
            var random = new Random(options.Seed * 7919 + i);
            while (!stop.IsCancellationRequested)
            {
                Sleep(random.NextDouble(), stop.Token);
                long hungry = Stopwatch.GetTimestamp();
                if (!table.PickUp(i, stop.Token, ref recoveries))
                {
                    break;
                }

                long waited = Stopwatch.GetTimestamp() - hungry;
                maxWait[i] = Math.Max(maxWait[i], waited);
                Interlocked.Increment(ref meals[i]);
                Sleep(random.NextDouble(), CancellationToken.None);
                table.PutDown(i);
            }
        }) { Name = $"philosopher {i}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        stop.CancelAfter(options.Duration);
        threads.ForEach(t => t.Join());
        var elapsed = Stopwatch.GetElapsedTime(started);

        return new PhilosophersResult
        {
            Options = options,
            Meals = meals,
            MaxWait = [.. maxWait.Select(t => Stopwatch.GetElapsedTime(0, t))],
            Deadlocks = tracker.Watchdog!.Reports,
            Recoveries = recoveries,
            Inversions = tracker.Validator!.Reports,
            MealsBeforeFirstInversion = mealsBeforeInversion < 0 ? null : mealsBeforeInversion,
            Elapsed = elapsed,
        };
    }

    // Up to a millisecond of thinking or eating.
    private static void Sleep(double fraction, CancellationToken token)
    {
        if (!token.IsCancellationRequested)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(fraction));
        }
    }

    /// <summary>The forks and whatever else the strategy puts on the table.</summary>
    private sealed class Table
    {
        private readonly PhilosophersOptions _options;
        private readonly MutexLock[] _forks;
        private readonly CountingSemaphore? _waiter;
        private readonly ChandyMisraForks? _chandyMisra;

        public Table(LockTracker tracker, PhilosophersOptions options)
        {
            _options = options;
            int n = options.Seats;
            _forks = [.. Enumerable.Range(0, n).Select(f => new MutexLock(new LockOptions { Name = $"fork {f}", Tracker = tracker }))];
            if (options.Strategy == PhilosopherStrategy.Waiter)
            {
                _waiter = new CountingSemaphore(n - 1, n - 1, new LockOptions { Name = "waiter", Tracker = tracker });
            }

            if (options.Strategy == PhilosopherStrategy.ChandyMisra)
            {
                _chandyMisra = new ChandyMisraForks(n, tracker);
            }
        }

        private static int Left(int i) => i;

        private int Right(int i) => (i + 1) % _forks.Length;

        /// <summary>Takes both forks; false when the dinner ended first.</summary>
        public bool PickUp(int i, CancellationToken stop, ref int recoveries)
        {
            if (_chandyMisra is not null)
            {
                return _chandyMisra.PickUp(i, stop);
            }

            var (first, second) = _options.Strategy == PhilosopherStrategy.Ordered
                ? (Math.Min(Left(i), Right(i)), Math.Max(Left(i), Right(i)))
                : (Left(i), Right(i));
            try
            {
                _waiter?.Wait(stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            while (true)
            {
                try
                {
                    _forks[first].Enter(stop);
                }
                catch (OperationCanceledException)
                {
                    _waiter?.Release();
                    return false;
                }

                Sleep(_options.Pause.TotalMilliseconds, stop);
                try
                {
                    _forks[second].Enter(stop);
                    return true;
                }
                catch (DeadlockVictimException)
                {
                    // Chosen to break a deadlock: put the first fork down, let a neighbour eat, try again.
                    _forks[first].Exit();
                    Interlocked.Increment(ref recoveries);
                    Thread.Sleep(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * 2));
                }
                catch (OperationCanceledException)
                {
                    _forks[first].Exit();
                    _waiter?.Release();
                    return false;
                }
            }
        }

        public void PutDown(int i)
        {
            if (_chandyMisra is not null)
            {
                _chandyMisra.PutDown(i);
                return;
            }

            _forks[Right(i)].Exit();
            _forks[Left(i)].Exit();
            _waiter?.Release();
        }
    }
}
