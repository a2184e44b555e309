using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Labs;

/// <summary>
/// The seed's thread-model benchmark (kernel threads against user-level scheduling), measured on this machine:
/// what it costs to create a unit of concurrency, and what it costs to switch from one unit to another.
/// </summary>
/// <remarks>
/// <para>
/// Creation: N units are created and started, each does one atomic increment, and the clock stops when the last has
/// finished. OS thread: <c>new Thread</c> + <c>Start</c>, then <c>Join</c> (a kernel thread with its own stack per
/// unit); thread pool: <see cref="System.Threading.ThreadPool.UnsafeQueueUserWorkItem(WaitCallback, object?)"/>
/// (a queued delegate, run by an existing pool thread); async: an <c>async</c> method that awaits
/// <see cref="Task.Yield"/> (a heap-allocated state machine and task, scheduled once on the pool).
/// </para>
/// <para>
/// Switch: two units pass control back and forth R times. OS threads block and wake each other through two
/// <see cref="AutoResetEvent"/>s, which never spin, so every hand-off is a real sleep and wake-up in the kernel;
/// async tasks await two <see cref="SemaphoreSlim"/>s with <c>WaitAsync</c>, so a waiting side is a parked
/// continuation, not a blocked thread; thread-pool hops are a chain of work items, each queueing the next.
/// </para>
/// <para>
/// Each measurement is preceded by a small warm-up of the same code, so JIT compilation is not counted. Time is
/// read from <see cref="Stopwatch"/> timestamps. Results depend on the machine and its load: they are this machine's
/// numbers, not constants.
/// </para>
/// </remarks>
public static class ThreadModelExperiment
{
    /// <summary>Most units one creation run may start.</summary>
    public const int MaxUnits = 100_000;

    /// <summary>Most round trips one switch run may make.</summary>
    public const int MaxRoundTrips = 10_000_000;

    private const int WarmUpUnits = 16;
    private const int WarmUpRoundTrips = 100;

    /// <summary>Measures <paramref name="model"/>: <paramref name="units"/> creations and <paramref name="roundTrips"/> ping-pong round trips.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Units outside 1..<see cref="MaxUnits"/> or round trips outside 1..<see cref="MaxRoundTrips"/>.</exception>
    public static ThreadModelResult Run(ThreadModel model, int units, int roundTrips)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(units, MaxUnits);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrips, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(roundTrips, MaxRoundTrips);
        Create(model, WarmUpUnits);
        Switch(model, WarmUpRoundTrips);
        TimeSpan creation = Create(model, units);
        TimeSpan switching = Switch(model, roundTrips);
        return new ThreadModelResult(model, units, creation, CreationMethod(model), 2 * roundTrips, switching, SwitchMethod(model));
    }

    /// <summary>How a unit is created under <paramref name="model"/>, in words.</summary>
    public static string CreationMethod(ThreadModel model) => model switch
    {
        ThreadModel.OsThread => "new Thread + Start + Join",
        ThreadModel.ThreadPool => "ThreadPool.UnsafeQueueUserWorkItem",
        _ => "async method awaiting Task.Yield",
    };

    /// <summary>How control passes between two units under <paramref name="model"/>, in words.</summary>
    public static string SwitchMethod(ThreadModel model) => model switch
    {
        ThreadModel.OsThread => "two OS threads, AutoResetEvent ping-pong (block and wake in the kernel)",
        ThreadModel.ThreadPool => "chain of work items, each queueing the next",
        _ => "two async tasks, SemaphoreSlim.WaitAsync ping-pong",
    };

    private static TimeSpan Create(ThreadModel model, int units) => model switch
    {
        ThreadModel.OsThread => CreateThreads(units),
        ThreadModel.ThreadPool => CreateWorkItems(units),
        _ => CreateTasks(units),
    };

    private static TimeSpan Switch(ThreadModel model, int roundTrips) => model switch
    {
        ThreadModel.OsThread => PingPongThreads(roundTrips),
        ThreadModel.ThreadPool => HopThroughPool(2 * roundTrips),
        _ => PingPongTasks(roundTrips),
    };

    private static TimeSpan CreateThreads(int units)
    {
        var done = new StrongBox<int>();
        var threads = new Thread[units];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < units; i++)
        {
            threads[i] = new Thread(static box => Interlocked.Increment(ref ((StrongBox<int>)box!).Value)) { IsBackground = true };
            threads[i].Start(done);
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return Finish(start, done.Value, units);
    }

    private static TimeSpan CreateWorkItems(int units)
    {
        var state = new ThreadModelCountdown(units);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < units; i++)
        {
            System.Threading.ThreadPool.UnsafeQueueUserWorkItem(static s => ((ThreadModelCountdown)s!).Signal(), state);
        }

        state.Done.Wait();
        return Finish(start, state.Signals, units);
    }

    private static TimeSpan CreateTasks(int units)
    {
        var done = new StrongBox<int>();
        var tasks = new Task[units];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < units; i++)
        {
            tasks[i] = UnitAsync(done);
        }

        Task.WaitAll(tasks);
        return Finish(start, done.Value, units);

        static async Task UnitAsync(StrongBox<int> done)
        {
            await Task.Yield(); // from here on the unit runs as a continuation scheduled on the pool
            Interlocked.Increment(ref done.Value);
        }
    }

    private static TimeSpan PingPongThreads(int roundTrips)
    {
        using var ping = new AutoResetEvent(false);
        using var pong = new AutoResetEvent(false);
        var partner = new Thread(() =>
        {
            for (int i = 0; i < roundTrips; i++)
            {
                ping.WaitOne();
                pong.Set();
            }
        })
        { IsBackground = true, Name = "pong" };
        partner.Start();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < roundTrips; i++)
        {
            ping.Set();
            pong.WaitOne();
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        partner.Join();
        return elapsed;
    }

    private static TimeSpan PingPongTasks(int roundTrips)
    {
        using var ping = new SemaphoreSlim(0);
        using var pong = new SemaphoreSlim(0);
        long start = Stopwatch.GetTimestamp();
        Task pinger = Task.Run(async () =>
        {
            for (int i = 0; i < roundTrips; i++)
            {
                ping.Release();
                await pong.WaitAsync().ConfigureAwait(false);
            }
        });
        Task ponger = Task.Run(async () =>
        {
            for (int i = 0; i < roundTrips; i++)
            {
                await ping.WaitAsync().ConfigureAwait(false);
                pong.Release();
            }
        });
        Task.WaitAll(pinger, ponger);
        return Stopwatch.GetElapsedTime(start);
    }

    private static TimeSpan HopThroughPool(int hops)
    {
        var chain = new ThreadModelCountdown(hops);
        long start = Stopwatch.GetTimestamp();
        System.Threading.ThreadPool.UnsafeQueueUserWorkItem(Hop, chain, preferLocal: false);
        chain.Done.Wait();
        return Finish(start, chain.Signals, hops);

        static void Hop(ThreadModelCountdown chain)
        {
            if (!chain.Signal())
            {
                // Not the last hop: hand control to the next work item. preferLocal: false puts it on the global
                // queue, as an independent unit would be, rather than on this worker's private queue.
                System.Threading.ThreadPool.UnsafeQueueUserWorkItem(Hop, chain, preferLocal: false);
            }
        }
    }

    private static TimeSpan Finish(long start, int completed, int expected)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        if (completed != expected)
        {
            throw new InvalidOperationException($"only {completed} of {expected} units ran"); // cannot happen: every wait above waits for all
        }

        return elapsed;
    }
}
