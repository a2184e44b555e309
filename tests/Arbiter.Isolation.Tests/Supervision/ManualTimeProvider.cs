namespace Arbiter.Isolation.Tests.Supervision;

/// <summary>
/// A clock that moves only when told: <see cref="Advance"/> or <see cref="FireNext"/> (jump to the next timer).
/// Timers fire in due order on the caller's thread. Enough for Task.Delay(…, TimeProvider).
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Epoch { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public int PendingTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset until;
        lock (gate)
        {
            until = now + by;
        }

        while (FireDue(until))
        {
        }

        lock (gate)
        {
            now = until;
        }
    }

    /// <summary>Moves the clock to the earliest timer and fires it; false when no timer is pending.</summary>
    public bool FireNext()
    {
        DateTimeOffset due;
        lock (gate)
        {
            if (timers.Count == 0)
            {
                return false;
            }

            due = timers.Min(t => t.Due);
        }

        return FireDue(due);
    }

    private bool FireDue(DateTimeOffset until)
    {
        ManualTimer? next;
        lock (gate)
        {
            next = timers.Where(t => t.Due <= until).MinBy(t => t.Due);
            if (next is null)
            {
                return false;
            }

            timers.Remove(next);
            if (next.Due > now)
            {
                now = next.Due;
            }
        }

        next.Fire();
        return true;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
            {
                throw new NotSupportedException("periodic timers are not needed here");
            }

            lock (owner.gate)
            {
                owner.timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = owner.now + dueTime;
                    owner.timers.Add(this);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
