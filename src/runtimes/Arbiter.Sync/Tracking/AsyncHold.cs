namespace Arbiter.Sync.Tracking;

/// <summary>
/// One asynchronous acquisition, from the call to its release. An async flow has no thread to own what it holds, so
/// the hold is this object: the flow's chain (<see cref="AsyncHeldChain"/>) points at it, and its state says
/// whether it counts. Pending (asked, not yet granted) and suspended (a condition wait gave the monitor back for a
/// while) holds are kept in the chain but not counted; a dead one (released, timed out, cancelled) is dropped from
/// the chain the next time the chain is read, so it never produces an order edge.
/// </summary>
internal sealed class AsyncHold
{
    private const int Pending = 0;
    private const int Live = 1;
    private const int Suspended = 2;
    private const int Dead = 3;

    private int _state;

    public AsyncHold(TrackedLock trackedLock, LockMode mode, int units, long node, int flow)
    {
        Lock = trackedLock;
        Mode = mode;
        Units = units;
        Node = node;
        Flow = flow;
    }

    public TrackedLock Lock { get; }

    public LockMode Mode { get; }

    public int Units { get; }

    /// <summary>The validator node (class and nesting subclass).</summary>
    public long Node { get; }

    /// <summary>Number of the async flow that asked (forked children share their parent's number).</summary>
    public int Flow { get; }

    /// <summary>The flow's name in reports.</summary>
    public string FlowName => FlowNameOf(Flow);

    /// <summary>Counted as held: granted, not released, not suspended.</summary>
    public bool IsLive => Volatile.Read(ref _state) == Live;

    public bool IsDead => Volatile.Read(ref _state) == Dead;

    /// <summary>Where this hold sits in its lock's list of async holds (semaphores only; guarded by that list).</summary>
    internal LinkedListNode<AsyncHold>? ListNode { get; set; }

    public static string FlowNameOf(int flow) => $"async flow #{flow}";

    /// <summary>The lock was granted to the flow.</summary>
    public void Grant()
    {
        if (Interlocked.CompareExchange(ref _state, Live, Pending) == Pending && Lock.Kind == LockKind.Semaphore)
        {
            Lock.AddAsyncHold(this);
        }
    }

    /// <summary>The wait ended without the lock (timeout, cancellation, victim, refusal).</summary>
    public void Fail() => Interlocked.CompareExchange(ref _state, Dead, Pending);

    /// <summary>Released; false when it was not held (already released, or never granted).</summary>
    public bool Release()
    {
        int state = Volatile.Read(ref _state);
        while (state is Live or Suspended)
        {
            int seen = Interlocked.CompareExchange(ref _state, Dead, state);
            if (seen == state)
            {
                if (Lock.Kind == LockKind.Semaphore)
                {
                    Lock.RemoveAsyncHold(this);
                }

                return true;
            }

            state = seen;
        }

        return false;
    }

    /// <summary>A condition wait released the monitor: not held until <see cref="Resume"/>.</summary>
    public void Suspend() => Interlocked.CompareExchange(ref _state, Suspended, Live);

    /// <summary>The condition wait re-acquired the monitor.</summary>
    public void Resume() => Interlocked.CompareExchange(ref _state, Live, Suspended);

    public HeldLock AsHeld() => new(Lock, Mode, Units, Node, 0, Lock.Level);

    /// <inheritdoc />
    public override string ToString() => $"{FlowName}: {Lock.Name}";
}
