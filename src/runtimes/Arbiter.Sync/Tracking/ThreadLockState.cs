using System.Diagnostics;
using System.Runtime.CompilerServices;

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

    /// <summary>The chain key of the held stack extended by <paramref name="node"/>.</summary>
    public ulong ChainWith(long node) => ChainKey.Extend(TopChain, node);

    /// <summary>The chain key and highest level of the whole held stack (empty: <see cref="ChainKey.Empty"/>, <see cref="int.MinValue"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Top(out ulong chain)
    {
        int i = _count - 1;
        var held = _held;
        if ((uint)i < (uint)held.Length)
        {
            ref readonly var top = ref held[i];
            chain = top.Chain;
            return top.MaxLevel;
        }

        chain = ChainKey.Empty;
        return int.MinValue;
    }

    /// <summary>Pushes an entry whose chain key and level the caller has computed (the uncontended tracked path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(TrackedLock trackedLock, LockMode mode, int units, long node, ulong chain, int maxLevel)
    {
        Debug.Assert(Thread == Thread.CurrentThread, "only the owning thread changes its held stack");
        BeginWrite();
        int count = _count;
        var held = _held;
        if ((uint)count >= (uint)held.Length)
        {
            held = Grow();
        }

        held[count] = new HeldLock(trackedLock, mode, units, node, chain, maxLevel);
        _count = count + 1;
        EndWrite();
    }

    public void Push(TrackedLock trackedLock, LockMode mode, int units, long node)
    {
        int maxBelow = Top(out ulong below);
        Push(trackedLock, mode, units, node, ChainKey.Extend(below, node), Math.Max(trackedLock.Level, maxBelow));
    }

    /// <summary>Gives back units of the topmost entry for the lock; false when this thread holds none of it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Release(TrackedLock trackedLock, LockMode mode, int units)
    {
        Debug.Assert(Thread == Thread.CurrentThread, "only the owning thread changes its held stack");
        int i = _count - 1;
        var held = _held;

        // The common case: the lock released is the one taken last, and entirely.
        if ((uint)i < (uint)held.Length)
        {
            ref var top = ref held[i];
            if (ReferenceEquals(top.Lock, trackedLock) && top.Mode == mode && top.Units <= units)
            {
                BeginWrite();
                top = default;
                _count = i;
                EndWrite();
                return true;
            }
        }

        return ReleaseBelow(trackedLock, mode, units);
    }

    private bool ReleaseBelow(TrackedLock trackedLock, LockMode mode, int units)
    {
        int i = _count - 1;
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private HeldLock[] Grow()
    {
        Array.Resize(ref _held, _held.Length * 2);
        return _held;
    }

    private static HeldLock Entry(TrackedLock trackedLock, LockMode mode, int units, long node, ulong below, int maxBelow)
    {
        return new HeldLock(trackedLock, mode, units, node, ChainKey.Extend(below, node), Math.Max(trackedLock.Level, maxBelow));
    }

    // Interlocked (a full fence) rather than Volatile: the odd version must be visible before the stores of the change
    // that follow it, a store→store order that only x86 gives for free.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BeginWrite()
    {
        if (_publish)
        {
            Interlocked.Increment(ref _version);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndWrite()
    {
        if (_publish)
        {
            Interlocked.Increment(ref _version);
        }
    }
}
