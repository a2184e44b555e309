using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Arbiter.Sync.Tracking;

/// <summary>
/// Lock-order validation and live deadlock detection for the primitives of Arbiter.Sync. Primitives created while
/// a tracker applies (<see cref="LockOptions.Tracker"/> or <see cref="Global"/>) report their acquisitions to it.
/// </summary>
[SuppressMessage("Performance", "CA1822", Justification = "Stub hooks; the implementation follows.")]
public sealed class LockTracker : IDisposable
{
    private readonly ConcurrentDictionary<string, LockClass> _classes = new(StringComparer.Ordinal);
    private int _nextClassId;

    /// <summary>Creates a tracker.</summary>
    public LockTracker(LockTrackerOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? new LockTrackerOptions();
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The tracker primitives use when their options name none; null (the default) means tracking off.</summary>
    public static LockTracker? Global { get; set; }

    /// <summary>The tracker behind locks that have a level but no tracker: it checks levels only.</summary>
    internal static LockTracker LevelsOnly { get; } = new(new LockTrackerOptions { ValidateOrder = false });

    /// <summary>The settings.</summary>
    public LockTrackerOptions Options { get; }

    internal TimeProvider Time { get; }

    internal LockClass ClassFor(string? name, string file, int line, int? level)
    {
        string key = name ?? $"{Path.GetFileName(file)}:{line}";
        return _classes.GetOrAdd(key, k => new LockClass(Interlocked.Increment(ref _nextClassId) - 1, k, level));
    }

    internal void OnAcquiring(TrackedLock trackedLock, LockMode mode, bool blocking, int subclass)
    {
    }

    internal void OnAcquired(TrackedLock trackedLock, LockMode mode, int units, int subclass)
    {
    }

    internal void OnReleased(TrackedLock trackedLock, LockMode mode, int units)
    {
    }

    internal WaitRecord? BeginWait(TrackedLock trackedLock, LockMode mode, int units, CancellationToken cancellationToken) => null;

    internal void EndWait(WaitRecord record, bool acquired)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
