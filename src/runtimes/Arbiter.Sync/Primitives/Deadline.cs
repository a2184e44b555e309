using System.Diagnostics;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// A timeout turned into a point in <see cref="Stopwatch"/> time, so that a wait that wakes and sleeps again
/// (a spurious wake-up, a lost race after barging) does not restart its full timeout each time.
/// </summary>
internal readonly struct Deadline
{
    private readonly long _start;
    private readonly int _milliseconds;

    private Deadline(long start, int milliseconds)
    {
        _start = start;
        _milliseconds = milliseconds;
    }

    public static Deadline Infinite => new(0, Timeout.Infinite);

    public bool IsInfinite => _milliseconds == Timeout.Infinite;

    /// <summary>A zero timeout: one attempt, no waiting (the tracker's "try", which cannot deadlock).</summary>
    public bool IsZero => _milliseconds == 0;

    public static Deadline Zero => new(0, 0);

    /// <summary>Validates a caller's timeout (−1 ms = infinite, otherwise 0 … int.MaxValue ms) and starts it.</summary>
    public static Deadline Start(TimeSpan timeout) => Start(ToMilliseconds(timeout));

    public static Deadline Start(int milliseconds) =>
        new(milliseconds is Timeout.Infinite or 0 ? 0 : Stopwatch.GetTimestamp(), milliseconds);

    public static int ToMilliseconds(TimeSpan timeout)
    {
        double ms = timeout.TotalMilliseconds;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return Timeout.Infinite;
        }

        if (ms < 0 || ms > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be Timeout.InfiniteTimeSpan or between 0 and int.MaxValue milliseconds.");
        }

        return (int)Math.Ceiling(ms);
    }

    /// <summary>Milliseconds left: <see cref="Timeout.Infinite"/>, or 0 once passed.</summary>
    public int RemainingMilliseconds()
    {
        if (_milliseconds is Timeout.Infinite or 0)
        {
            return _milliseconds;
        }

        long elapsed = (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
        return elapsed >= _milliseconds ? 0 : (int)(_milliseconds - elapsed);
    }

    /// <summary>The remaining time as a span (for <see cref="Task.WaitAsync(TimeSpan, CancellationToken)"/>).</summary>
    public TimeSpan Remaining()
    {
        int ms = RemainingMilliseconds();
        return ms == Timeout.Infinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms);
    }
}
