using System.Diagnostics;

namespace Arbiter.Sync.Tracking;

/// <summary>
/// What one thread holds and waits for, as one tracker sees it. Only the owning thread writes; the watchdog reads
/// from its own thread through <see cref="TrySnapshot"/>, a sequence lock: the writer makes the version odd before
/// a change and even after, and a reader that saw the same even version before and after its copy has a
/// consistent copy. The version is only maintained when a watchdog exists (otherwise nobody reads).
/// </summary>
internal sealed class ThreadLockState
{
    private const int CacheSize = 64; // power of two

    private readonly bool _publish;
    private readonly ulong[] _validatedChains = new ulong[CacheSize];
    private HeldLock[] _held = new HeldLock[8];
    private int _count;
    private int _version;
    private WaitRecord? _waiting;

    // The chain key computed by the validation of the acquisition in progress, so that the push that follows an
    // uncontended acquire does not mix it again (the two calls come back to back on this thread).
    private long _pendingNode = -1;
    private ulong _pendingBelow;
    private ulong _pendingChain;

    public ThreadLockState(LockTracker tracker, Thread thread, bool publish)
    {
        Tracker = tracker;
        Thread = thread;
        ThreadId = thread.ManagedThreadId;
        _publish = publish;
    }

    public LockTracker Tracker { get; }

    public Thread Thread { get; }

    public int ThreadId { get; }

    public string ThreadName => Thread.Name is { Length: > 0 } name ? name : $"thread {ThreadId}";

    public int Count => _count;

    public ReadOnlySpan<HeldLock> Held => _held.AsSpan(0, _count);

    /// <summary>Chain key of the whole held stack.</summary>
    public ulong TopChain => _count == 0 ? ChainKey.Empty : _held[_count - 1].Chain;

    /// <summary>Highest level held, or <see cref="int.MinValue"/>.</summary>
    public int MaxLevel => _count == 0 ? int.MinValue : _held[_count - 1].MaxLevel;

    public WaitRecord? Waiting => Volatile.Read(ref _waiting);

    /// <summary>Per-thread direct-mapped cache in front of the validator's shared set of validated chains.</summary>
    public bool IsCachedValid(ulong chain) => _validatedChains[(int)(chain & (CacheSize - 1))] == chain;

    public void CacheValid(ulong chain) => _validatedChains[(int)(chain & (CacheSize - 1))] = chain;

    /// <summary>The key of the held chain extended by <paramref name="node"/>, remembered for the push that follows.</summary>
    public ulong ChainWith(long node)
    {
        ulong below = TopChain;
        ulong chain = ChainKey.Extend(below, node);
        _pendingNode = node;
        _pendingBelow = below;
        _pendingChain = chain;
        return chain;
    }

    public void Push(TrackedLock trackedLock, LockMode mode, int units, long node)
    {
        Debug.Assert(Thread == Thread.CurrentThread, "only the owning thread changes its held stack");
        BeginWrite();
        if (_count == _held.Length)
        {
            Array.Resize(ref _held, _count * 2);
        }

        int count = _count;
        ulong below = ChainKey.Empty;
        int maxBelow = int.MinValue;
        if (count > 0)
        {
            ref readonly var top = ref _held[count - 1];
            below = top.Chain;
            maxBelow = top.MaxLevel;
        }

        ulong chain = node == _pendingNode && below == _pendingBelow ? _pendingChain : ChainKey.Extend(below, node);
        _held[count] = new HeldLock(trackedLock, mode, units, node, chain, Math.Max(trackedLock.Level, maxBelow));
        _count = count + 1;
        EndWrite();
    }

    /// <summary>Gives back units of the topmost entry for the lock; false when this thread holds none of it.</summary>
    public bool Release(TrackedLock trackedLock, LockMode mode, int units)
    {
        Debug.Assert(Thread == Thread.CurrentThread, "only the owning thread changes its held stack");
        int i = _count - 1;

        // The common case: the lock released is the one taken last, and entirely.
        if (i >= 0 && ReferenceEquals(_held[i].Lock, trackedLock) && _held[i].Mode == mode && _held[i].Units <= units)
        {
            BeginWrite();
            _held[i] = default;
            _count = i;
            EndWrite();
            return true;
        }

        while (i >= 0 && !(ReferenceEquals(_held[i].Lock, trackedLock) && _held[i].Mode == mode))
        {
            i--;
        }

        if (i < 0)
        {
            return false;
        }

        BeginWrite();
        var entry = _held[i];
        if (entry.Units > units)
        {
            _held[i] = entry with { Units = entry.Units - units };
        }
        else
        {
            // Locks need not be released in LIFO order: close the gap and re-derive the chain keys and levels of the
            // entries above, which depended on the one removed.
            Array.Copy(_held, i + 1, _held, i, _count - i - 1);
            _count--;
            _held[_count] = default;
            for (int j = i; j < _count; j++)
            {
                var e = _held[j];
                _held[j] = Entry(e.Lock, e.Mode, e.Units, e.Node, j == 0 ? ChainKey.Empty : _held[j - 1].Chain, j == 0 ? int.MinValue : _held[j - 1].MaxLevel);
            }
        }

        EndWrite();
        return true;
    }

    public void SetWaiting(WaitRecord? record)
    {
        BeginWrite();
        Volatile.Write(ref _waiting, record);
        EndWrite();
    }

    /// <summary>A consistent copy of the held stack and the current wait, or false if the thread was mid-change.</summary>
    public bool TrySnapshot(out HeldLock[] held, out WaitRecord? waiting)
    {
        int before = Volatile.Read(ref _version);
        if ((before & 1) != 0)
        {
            held = [];
            waiting = null;
            return false;
        }

        var array = Volatile.Read(ref _held);
        int count = Math.Min(Volatile.Read(ref _count), array.Length);
        held = array.AsSpan(0, count).ToArray();
        waiting = Volatile.Read(ref _waiting);
        Interlocked.MemoryBarrier(); // the copy above must complete before the version is read again
        return Volatile.Read(ref _version) == before;
    }

    private static HeldLock Entry(TrackedLock trackedLock, LockMode mode, int units, long node, ulong below, int maxBelow)
    {
        return new HeldLock(trackedLock, mode, units, node, ChainKey.Extend(below, node), Math.Max(trackedLock.Level, maxBelow));
    }

    // Interlocked (a full fence) rather than Volatile: the odd version must be visible before the stores of the change
    // that follow it, a store→store order that only x86 gives for free.
    private void BeginWrite()
    {
        if (_publish)
        {
            Interlocked.Increment(ref _version);
        }
    }

    private void EndWrite()
    {
        if (_publish)
        {
            Interlocked.Increment(ref _version);
        }
    }
}
