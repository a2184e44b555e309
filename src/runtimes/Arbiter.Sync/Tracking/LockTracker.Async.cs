using System.Collections.Concurrent;

namespace Arbiter.Sync.Tracking;

// The async half of the tracker: acquisitions whose holder is an async flow (see the class remarks).
public sealed partial class LockTracker
{
    private readonly AsyncLocal<AsyncHeldChain?> _flow = new();
    private readonly ConcurrentDictionary<WaitRecord, byte> _asyncWaits = new(ReferenceEqualityComparer.Instance);
    private int _nextFlowId;

    /// <summary>
    /// Makes the calling async flow forget the async holds it inherited from the flow that started it. Call it
    /// first thing in a fire-and-forget child (<c>_ = Task.Run(…)</c>) started while its parent holds async locks and
    /// not awaited by it before they are released: the tracker otherwise assumes structured concurrency (a parent
    /// awaits its children before releasing what it holds), orders the child's locks after the parent's, and lets the
    /// watchdog count the parent's holds as the child's while the child waits.
    /// </summary>
    public void DetachFlow() => _flow.Value = null;

    internal AsyncHold OnAcquiringAsync(TrackedLock trackedLock, LockMode mode, int units, bool blocking, int subclass)
    {
        long node = trackedLock.Node | (ushort)subclass;
        var chain = AsyncHeldChain.Prune(_flow.Value);
        int flow = chain?.Hold.Flow ?? Interlocked.Increment(ref _nextFlowId);
        if (blocking && CheckAsync(chain, trackedLock, node, flow) is { } refused)
        {
            throw refused;
        }

        // Pushed now, in the synchronous part of the caller's LockAsync: a value set here flows back to the async
        // method that awaits it (one set inside an async method would not). Pending until granted.
        var hold = new AsyncHold(trackedLock, mode, units, node, flow);
        _flow.Value = new AsyncHeldChain(hold, chain);
        return hold;
    }

    internal void OnReleasedAsync(AsyncHold hold)
    {
        hold.Release();

        // Usually the releaser is disposed by the flow that acquired, with this hold on top; from elsewhere, the hold
        // is dead and that flow drops it when it next reads its chain.
        var head = _flow.Value;
        var pruned = AsyncHeldChain.Prune(head);
        if (!ReferenceEquals(pruned, head))
        {
            _flow.Value = pruned;
        }
    }

    internal WaitRecord? BeginAsyncWait(AsyncHold hold, CancellationToken cancellationToken)
    {
        if (Watchdog is null)
        {
            return null;
        }

        var record = new WaitRecord(
            Interlocked.Increment(ref _nextWaitId),
            null,
            hold.FlowName,
            AsyncHeldChain.Holds(_flow.Value),
            hold.Lock,
            hold.Mode,
            hold.Units,
            Time.GetUtcNow(),
            Options.CaptureStacks ? StackText.Capture(fileInfo: false) : null,
            cancellable: Options.OnDeadlock == DeadlockPolicy.ThrowInVictim,
            cancellationToken);
        _asyncWaits.TryAdd(record, 0);
        return record;
    }

    // The level and order checks of an async acquisition: what the thread holds synchronously, then the flow's live
    // async holds, oldest first.
    private Exception? CheckAsync(AsyncHeldChain? chain, TrackedLock trackedLock, long node, int flow)
    {
        var state = Current();
        int live = 0;
        for (var c = chain; c is not null; c = c.Below)
        {
            live += c.Hold.IsLive ? 1 : 0;
        }

        var threadHeld = state.Held;
        var held = new HeldLock[threadHeld.Length + live];
        threadHeld.CopyTo(held);
        int i = held.Length;
        for (var c = chain; c is not null; c = c.Below)
        {
            if (c.Hold.IsLive)
            {
                held[--i] = c.Hold.AsHeld();
            }
        }

        ulong key = state.TopChain;
        int maxLevel = state.MaxLevel;
        for (int k = threadHeld.Length; k < held.Length; k++)
        {
            key = ChainKey.Extend(key, held[k].Node);
            maxLevel = Math.Max(maxLevel, held[k].Lock.Level);
        }

        if (trackedLock.Level != int.MinValue && trackedLock.Level <= maxLevel)
        {
            return LevelViolation(held, trackedLock);
        }

        if (Validator is not null)
        {
            key = ChainKey.Extend(key, node);
            if (!state.IsCachedValid(key) && Validator.Validate(new LockHolder(state, held, AsyncHold.FlowNameOf(flow)), trackedLock, node, key) is { } violation)
            {
                return new LockOrderViolationException(violation);
            }
        }

        return null;
    }

    // A semaphore released where no thread holds a unit: a unit the releasing flow holds (newest first), else the
    // oldest live async hold anywhere — units are not owned, and a signalling release (a consumer giving back the
    // producer's slot) must end some hold or async holds would pile up forever. Ending the wrong one can only make
    // the validator and the watchdog see fewer holds: fewer reports, never a false one.
    private void ReleaseSemaphoreAsync(TrackedLock trackedLock, int units)
    {
        var head = _flow.Value;
        for (int k = 0; k < units; k++)
        {
            bool released = false;
            for (var c = head; c is not null && !released; c = c.Below)
            {
                released = ReferenceEquals(c.Hold.Lock, trackedLock) && c.Hold.Release();
            }

            while (!released && trackedLock.OldestAsyncHold() is { } oldest)
            {
                released = oldest.Release();
            }
        }

        var pruned = AsyncHeldChain.Prune(head);
        if (!ReferenceEquals(pruned, head))
        {
            _flow.Value = pruned;
        }
    }

    /// <summary>
    /// Gives each live async hold named in a waiter's chain to one waiter: a flow that holds a lock and waits is
    /// blocked with it. A hold in several waiting chains (children that inherited it from a parent) goes to the one
    /// that waits for that very lock (it waits for itself), else to the first. A live hold in no waiting chain belongs
    /// to a running flow that can finish: it is left out, which can only hide a deadlock, never invent one.
    /// </summary>
    private static List<ThreadView> AssignAsyncHolds(List<ThreadView> views)
    {
        Dictionary<AsyncHold, int>? owner = null;
        for (int i = 0; i < views.Count; i++)
        {
            if (views[i].Waiting is not { AsyncHolds.Count: > 0 } wait)
            {
                continue;
            }

            foreach (var hold in wait.AsyncHolds)
            {
                if (!hold.IsLive)
                {
                    continue;
                }

                owner ??= new Dictionary<AsyncHold, int>(ReferenceEqualityComparer.Instance);
                if (!owner.TryGetValue(hold, out int j) || (ReferenceEquals(wait.Lock, hold.Lock) && !ReferenceEquals(views[j].Waiting!.Lock, hold.Lock)))
                {
                    owner[hold] = i;
                }
            }
        }

        if (owner is null)
        {
            return views;
        }

        var extra = new List<HeldLock>?[views.Count];
        foreach (var (hold, i) in owner)
        {
            (extra[i] ??= []).Add(hold.AsHeld());
        }

        return [.. views.Select((v, i) => extra[i] is { } more ? v with { Held = [.. v.Held, .. more] } : v)];
    }
}
