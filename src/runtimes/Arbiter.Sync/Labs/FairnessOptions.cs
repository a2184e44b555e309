namespace Arbiter.Sync.Labs;

/// <summary>How hard and how long the fairness experiment hammers a primitive.</summary>
public sealed record FairnessOptions
{
    /// <summary>Contending threads (for the reader-writer lock: readers + writers). Default 4.</summary>
    public int Threads { get; init; } = 4;

    /// <summary>
    /// For the reader-writer lock: how many of <see cref="Threads"/> are writers. Null (the default): half of them,
    /// at least one, so that both writer-side and reader-side starvation can show.
    /// </summary>
    public int? Writers { get; init; }

    /// <summary>The writers a reader-writer run uses (<see cref="Writers"/> or its default).</summary>
    public int WriterCount => Writers ?? Math.Min(Threads, Math.Max(1, Threads / 2));

    /// <summary>For the semaphore: its units. Default 1 (a lock), so that bypasses mean the same as for the mutex.</summary>
    public int Permits { get; init; } = 1;

    /// <summary>How long to run. Default 1 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Work inside the critical section (exclusive holders and writers), in <see cref="Thread.SpinWait"/> iterations. Default 50.</summary>
    public int CriticalWork { get; init; } = 50;

    /// <summary>Work inside a read section, in spin iterations. Default 200 (readers overlap).</summary>
    public int ReadWork { get; init; } = 200;

    /// <summary>Work between two requests, in spin iterations. Default 50.</summary>
    public int OutsideWork { get; init; } = 50;

    /// <summary>The most acquisitions logged (the run stops early when the log is full). Default 2,000,000.</summary>
    public int MaxRecords { get; init; } = 2_000_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfNegative(WriterCount, nameof(Writers));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WriterCount, Threads, nameof(Writers));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Permits, nameof(Permits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Duration, TimeSpan.Zero, nameof(Duration));
        ArgumentOutOfRangeException.ThrowIfNegative(CriticalWork, nameof(CriticalWork));
        ArgumentOutOfRangeException.ThrowIfNegative(ReadWork, nameof(ReadWork));
        ArgumentOutOfRangeException.ThrowIfNegative(OutsideWork, nameof(OutsideWork));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecords, Threads, nameof(MaxRecords));
    }
}
