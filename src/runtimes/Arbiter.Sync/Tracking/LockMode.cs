namespace Arbiter.Sync.Tracking;

/// <summary>How a lock is held: alone (mutex, writer, semaphore unit) or shared with others (readers).</summary>
internal enum LockMode
{
    /// <summary>Exclusive: a mutex, a writer, a semaphore's units.</summary>
    Exclusive,

    /// <summary>Shared: a reader of a reader-writer lock.</summary>
    Shared,
}
