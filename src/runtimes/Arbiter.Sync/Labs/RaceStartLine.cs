using System.Diagnostics;
using Arbiter.Sync.Spinning;

namespace Arbiter.Sync.Labs;

/// <summary>
/// Where the race lab's threads wait so that they really run at the same time, and where the clock starts.
/// </summary>
/// <remarks>
/// <para>
/// Why this is not a plain barrier: 100,000 increments take well under a millisecond, shorter than a scheduler time
/// slice, and Linux often starts a new thread on its creator's core and may leave it queued there for a few
/// milliseconds even while another core idles. Threads released together by a barrier then often run one after the
/// other on one core, and even the unprotected counter reads exactly 200,000 (measured here: about half the runs).
/// </para>
/// <para>
/// So when there are no more threads than cores, each thread keeps ticking its own heartbeat and watches the others'.
/// A thread that has seen every other heartbeat move <see cref="BeatsToSee"/> times knows they all ran during its own
/// wait — impossible for threads time-sliced on one core, whose slices last milliseconds — and fires the start.
/// If that has not happened within the patience (default <see cref="Patience"/>; the machine is busy with other
/// work), the start fires anyway. With more threads than cores they cannot all run at once; waiters then yield the core instead, so that
/// the late ones get to arrive.
/// </para>
/// </remarks>
internal sealed class RaceStartLine
{
    /// <summary>Heartbeat changes of every other thread a thread must see before it may fire the start.</summary>
    public const int BeatsToSee = 16;

    /// <summary>How long to wait for all threads to run at once before starting anyway.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(200);

    private readonly int _threads;
    private readonly long[] _beats;
    private readonly bool _coRun;
    private readonly TimeSpan _patience;
    private int _arrived;
    private int _started;
    private long _startTimestamp;

    /// <param name="threads">How many threads will arrive.</param>
    /// <param name="patience">How long to wait for all to run at once before starting anyway; default
    /// <see cref="Patience"/>. A benchmark that repeats the start many times passes less, so that a busy machine
    /// costs it a little noise rather than whole waits.</param>
    public RaceStartLine(int threads, TimeSpan? patience = null)
    {
        _threads = threads;
        _beats = new long[threads];
        _coRun = threads <= Environment.ProcessorCount;
        _patience = patience ?? Patience;
    }

    /// <summary>When the start fired (a <see cref="Stopwatch"/> timestamp).</summary>
    public long StartTimestamp => Volatile.Read(ref _startTimestamp);

    /// <summary>Thread <paramref name="index"/> arrives; returns when the race starts.</summary>
    public void Arrive(int index)
    {
        Interlocked.Increment(ref _arrived);
        if (_coRun)
        {
            WaitUntilAllRunTogether(index);
        }
        else
        {
            var waiter = new SpinWaiter();
            while (Volatile.Read(ref _arrived) < _threads)
            {
                waiter.SpinOnce();
            }

            Fire();
        }
    }

    private void WaitUntilAllRunTogether(int index)
    {
        var lastSeen = new long[_threads];
        var changes = new int[_threads];
        long deadline = Stopwatch.GetTimestamp() + (long)(_patience.TotalSeconds * Stopwatch.Frequency);
        for (long beat = 1; Volatile.Read(ref _started) == 0; beat++)
        {
            Volatile.Write(ref _beats[index], beat);
            bool allSeen = Volatile.Read(ref _arrived) == _threads;
            for (int j = 0; j < _threads; j++)
            {
                if (j == index)
                {
                    continue;
                }

                long seen = Volatile.Read(ref _beats[j]);
                if (seen != lastSeen[j])
                {
                    lastSeen[j] = seen;
                    changes[j]++;
                }

                allSeen &= changes[j] >= BeatsToSee;
            }

            if (allSeen || Stopwatch.GetTimestamp() > deadline)
            {
                Fire();
                return;
            }

            Thread.SpinWait(1);
        }
    }

    private void Fire()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            Volatile.Write(ref _startTimestamp, Stopwatch.GetTimestamp());
        }
    }
}
