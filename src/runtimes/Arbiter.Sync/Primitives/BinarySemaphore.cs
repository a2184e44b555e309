using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// A semaphore whose count is 0 or 1 (the seed: "a binary semaphore can be seen as a special case of a counting
/// semaphore, initialized to 1"). Unlike <see cref="MutexLock"/> it has no owner: any thread may release it, which
/// makes it a signal as well as a lock; releasing it when it is already 1 throws <see cref="SemaphoreFullException"/>.
/// </summary>
public sealed class BinarySemaphore : CountingSemaphore
{
    /// <summary>Creates a binary semaphore, free (1) by default or taken (0).</summary>
    public BinarySemaphore(bool available = true, LockOptions? options = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        : base(available ? 1 : 0, 1, options, file, line)
    {
    }
}
