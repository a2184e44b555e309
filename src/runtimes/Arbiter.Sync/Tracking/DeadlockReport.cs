namespace Arbiter.Sync.Tracking;

/// <summary>A deadlock the watchdog found among threads blocked on tracked locks.</summary>
public sealed record DeadlockReport
{
    /// <summary>The deadlocked threads (every one of them blocked and unable to proceed).</summary>
    public required IReadOnlyList<DeadlockedThread> Threads { get; init; }

    /// <summary>A cycle of the wait-for graph, as alternating thread and lock names, the first thread repeated at the end.</summary>
    public required IReadOnlyList<string> Cycle { get; init; }

    /// <summary>When the watchdog confirmed the deadlock.</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The thread whose wait was cancelled to break it, under <see cref="DeadlockPolicy.ThrowInVictim"/>.</summary>
    public string? Victim { get; init; }

    /// <summary>One line: the cycle.</summary>
    public string Summary => $"deadlock: {string.Join(" → ", Cycle)}";

    /// <inheritdoc />
    public override string ToString() => Summary;
}
