using System.Runtime.ExceptionServices;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// A condition variable of a <see cref="MesaMonitor"/> (Mesa semantics: <see cref="Signal"/> is a hint, the woken
/// waiter re-acquires the monitor and re-checks its predicate). Every operation requires being inside the monitor.
/// </summary>
/// <remarks>
/// The queue is guarded by the monitor lock itself: waiters join it before releasing the monitor and a timed-out
/// waiter leaves it only after re-acquiring the monitor, so a signaller (inside the monitor) never races a waiter
/// on it. A waiter that times out or is cancelled but was signalled meanwhile reports the signal (returns true,
/// does not throw), so no signal is lost to a leaving waiter.
/// </remarks>
public sealed class Condition
{
    private readonly MesaMonitor _monitor;
    private readonly WaitQueue _waiters = new();

    internal Condition(MesaMonitor monitor, string name)
    {
        _monitor = monitor;
        Name = name;
    }

    /// <summary>The condition's name ("not empty", "not full", …).</summary>
    public string Name { get; }

    /// <summary>Waiters now (read it inside the monitor).</summary>
    public int WaiterCount => _waiters.Count;

    /// <summary>Releases the monitor, waits for a signal, re-acquires the monitor.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread is not inside the monitor.</exception>
    public void Wait() => WaitCore(Deadline.Infinite, CancellationToken.None);

    /// <summary>As <see cref="Wait()"/>, with cancellation.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before a signal; the monitor is held again when it is thrown.</exception>
    public void Wait(CancellationToken cancellationToken) => WaitCore(Deadline.Infinite, cancellationToken);

    /// <summary>As <see cref="Wait()"/>, for at most <paramref name="timeout"/>. True: signalled; false: timed out. Either way the monitor is held again.</summary>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitCore(Deadline.Start(timeout), cancellationToken);

    /// <summary>The async wait of a holder that entered with <see cref="MesaMonitor.EnterAsync"/>; it holds the monitor again (same releaser) when this completes.</summary>
    public ValueTask WaitAsync(Releaser holder, CancellationToken cancellationToken = default)
    {
        var pending = WaitAsync(holder, Timeout.InfiniteTimeSpan, cancellationToken);
        return pending.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(pending.AsTask());
    }

    /// <summary>The async wait, for at most <paramref name="timeout"/>. True: signalled; false: timed out.</summary>
    /// <exception cref="SynchronizationLockException"><paramref name="holder"/> does not hold this monitor.</exception>
    public ValueTask<bool> WaitAsync(Releaser holder, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Deadline.Start(timeout);
        var mutex = _monitor.Lock;
        if (!ReferenceEquals(holder.Owner, mutex) || !mutex.IsHeldBy(holder.Token))
        {
            throw NotInside("wait");
        }

        var node = Waiter.ForAsync(holder.Token);
        _waiters.Enqueue(node);
        holder.Hold?.Suspend(); // not held while waiting; the same hold again once re-acquired
        ((IReleasable)mutex).Release(holder.Token);
        return WaitAsyncCore(node, holder.Token, holder.Hold, deadline, cancellationToken);
    }

    /// <summary>Wakes the oldest waiter, if any. It will re-acquire the monitor after the signaller leaves.</summary>
    public void Signal()
    {
        EnsureInside("signal");
        if (_waiters.Dequeue() is { } waiter)
        {
            waiter.SetState(Waiter.Granted);
            waiter.Wake();
        }
    }

    /// <summary>Wakes every waiter.</summary>
    public void Broadcast()
    {
        EnsureInside("broadcast");
        while (_waiters.Dequeue() is { } waiter)
        {
            waiter.SetState(Waiter.Granted);
            waiter.Wake();
        }
    }

    private bool WaitCore(Deadline deadline, CancellationToken cancellationToken)
    {
        if (!_monitor.IsHeldByCurrentThread)
        {
            throw NotInside("wait");
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Join the queue while still inside: a Signal can only come after we release, so it finds us queued.
        var node = Waiter.ForCondition();
        _waiters.Enqueue(node);
        _monitor.Lock.Exit();
        OperationCanceledException? cancelled = null;
        try
        {
            node.Block(deadline, cancellationToken);
        }
        catch (OperationCanceledException e)
        {
            cancelled = e;
        }

        // Mesa: return holding the monitor whatever happened, so the caller's finally { Exit(); } stays right.
        _monitor.Lock.Enter(CancellationToken.None);
        return Resolve(node, cancelled);
    }

    private async ValueTask<bool> WaitAsyncCore(Waiter node, long token, AsyncHold? hold, Deadline deadline, CancellationToken cancellationToken)
    {
        OperationCanceledException? cancelled = null;
        try
        {
            await node.Completion.WaitAsync(deadline.Remaining(), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException e)
        {
            cancelled = e;
        }

        await _monitor.Lock.AcquireAsToken(token, Deadline.Infinite, CancellationToken.None).ConfigureAwait(false);
        hold?.Resume();
        return Resolve(node, cancelled);
    }

    /// <summary>Inside the monitor again: still queued means not signalled (timeout or cancellation).</summary>
    private bool Resolve(Waiter node, OperationCanceledException? cancelled)
    {
        if (!_waiters.Remove(node))
        {
            return true;
        }

        if (cancelled is not null)
        {
            ExceptionDispatchInfo.Throw(cancelled);
        }

        return false;
    }

    private void EnsureInside(string operation)
    {
        // An async holder has no thread to compare; accepting any async holder is the best check available.
        if (!_monitor.IsHeldByCurrentThread && !_monitor.Lock.IsHeldAsync)
        {
            throw NotInside(operation);
        }
    }

    private SynchronizationLockException NotInside(string operation) =>
        new($"Condition '{Name}' of monitor '{_monitor.Name}': {operation} outside the monitor (enter it first).");
}
