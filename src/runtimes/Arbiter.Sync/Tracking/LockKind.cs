namespace Arbiter.Sync.Tracking;

/// <summary>The kind of primitive behind a tracked lock, for reports.</summary>
public enum LockKind
{
    /// <summary>A mutex (one owner).</summary>
    Mutex,

    /// <summary>A counting or binary semaphore (units held by the threads that acquired them).</summary>
    Semaphore,

    /// <summary>A reader-writer lock (many readers or one writer).</summary>
    ReaderWriter,

    /// <summary>The lock of a monitor.</summary>
    Monitor,
}
