namespace Arbiter.Sync.Labs;

/// <summary>The primitives whose fairness the fairness experiment measures.</summary>
public enum FairnessPrimitive
{
    /// <summary><see cref="Primitives.MutexLock"/>.</summary>
    Mutex,

    /// <summary><see cref="Primitives.CountingSemaphore"/> with <see cref="FairnessOptions.Permits"/> units.</summary>
    Semaphore,

    /// <summary><see cref="Primitives.ReadWriteLock"/> with readers and writers.</summary>
    ReadWriteLock,
}
