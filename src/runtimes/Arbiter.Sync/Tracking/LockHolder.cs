namespace Arbiter.Sync.Tracking;

/// <summary>
/// Who acquires, as the validator sees it: the locks held (oldest first), a name and id for the report, and the
/// thread whose chain cache remembers validated chains. For a synchronous acquisition the holder is the thread; for
/// an asynchronous one it is the async flow (its live holds, after the thread's own synchronous holds), named
/// "async flow #n", and the cache is that of the thread it runs on (a chain key names a chain, not a holder, so any
/// cache will do).
/// </summary>
internal readonly ref struct LockHolder
{
    private readonly string? _flowName;

    public LockHolder(ThreadLockState cache, ReadOnlySpan<HeldLock> held, string? flowName)
    {
        Cache = cache;
        Held = held;
        _flowName = flowName;
    }

    public ThreadLockState Cache { get; }

    public ReadOnlySpan<HeldLock> Held { get; }

    public string Name => _flowName ?? Cache.ThreadName;

    public int Id => Cache.ThreadId;
}
