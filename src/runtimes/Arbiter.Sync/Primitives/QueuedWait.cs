using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// The blocking path every queued primitive shares: spin briefly, then queue and block, and resolve the races
/// between a waiter giving up and a releaser handing it the primitive. Cost: O(1) per queue operation; a blocked
/// thread costs one kernel wait and one wake-up.
/// </summary>
/// <remarks>
/// Races resolved here:
/// <list type="bullet">
/// <item>Lost wake-up: a node is recorded as waiting in the same atomic update that found the primitive busy
/// (<see cref="IWaitPolicy.TryAcquireOrEnqueue"/>), so a releaser either sees the waiter or the waiter sees the
/// release.</item>
/// <item>Timeout against hand-off: a waiter that times out takes the gate; if its node is still queued it leaves,
/// otherwise a releaser already dequeued it and the waiter honours what it was given (it holds the primitive:
/// an acquisition that raced a timeout or a cancellation wins, as with <c>SemaphoreSlim</c>).</item>
/// <item>Woken but beaten (barging): a woken waiter that loses the race re-queues at the front, keeping its age;
/// one that gives up after being woken tries once more, so the wake-up meant for it is not lost.</item>
/// </list>
/// </remarks>
internal static class QueuedWait
{
    // Spinning before queueing saves a context switch when the holder leaves within a few hundred nanoseconds,
    // the common case for short critical sections. Bounded, and without Sleep(1), so that a long hold costs
    // little CPU before the thread blocks.
    private const int SpinAttempts = 10;

    /// <summary>
    /// The synchronous slow path after a failed fast attempt: optionally spin, then register the wait with the
    /// tracker, queue and block. Returns false on timeout; throws <see cref="OperationCanceledException"/> on
    /// cancellation (or <see cref="DeadlockVictimException"/> when the watchdog picked this thread).
    /// </summary>
    /// <remarks>
    /// <c>spinFirst</c>: spin before queueing. Only for barging primitives: a thread that spins is not yet queued,
    /// so later arrivals that queue meanwhile would overtake it, which FIFO hand-off and the reader-writer policies
    /// promise not to allow (a phase-fair writer that spins lets readers stream past it). Those queue at once; the
    /// queued thread still spins briefly in its event before sleeping.
    /// </remarks>
    public static bool Acquire(IWaitPolicy policy, TrackedLock? tracked, LockMode mode, bool shared, bool spinFirst, Deadline deadline, CancellationToken cancellationToken)
    {
        if (deadline.IsZero)
        {
            return false;
        }

        var spinner = new SpinWait();
        for (int i = 0; spinFirst && i < SpinAttempts; i++)
        {
            if (policy.TryAcquireNow(shared))
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        var wait = WaitScope.Begin(tracked, mode, 1, cancellationToken);
        bool acquired;
        try
        {
            acquired = Block(policy, Waiter.ForThread(shared), deadline, wait.Token);
        }
        catch (OperationCanceledException)
        {
            wait.End(acquired: false);
            throw;
        }

        wait.End(acquired);
        return acquired;
    }

    /// <summary>Queues the calling thread's node and blocks until granted, or until timeout (false) or cancellation (throws).</summary>
    public static bool Block(IWaitPolicy policy, Waiter node, Deadline deadline, CancellationToken cancellationToken)
    {
        bool atFront = false;
        while (true)
        {
            lock (policy.Gate)
            {
                if (policy.TryAcquireOrEnqueue(node, atFront))
                {
                    return true;
                }
            }

            bool moved;
            try
            {
                moved = node.Block(deadline, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                if (Abandon(policy, node))
                {
                    throw;
                }

                return true;
            }

            if (!moved)
            {
                return !Abandon(policy, node);
            }

            if (node.State == Waiter.Granted || policy.TryAcquireNow(node.Shared))
            {
                return true;
            }

            // Woken, but a running thread took the primitive first (barging). Queue again, at the front.
            if (deadline.RemainingMilliseconds() == 0)
            {
                return false;
            }

            node = Waiter.ForThread(node.Shared);
            atFront = true;
        }
    }

    /// <summary>
    /// The async slow path of a tracked primitive: registers the flow's wait with the watchdog (which may cancel it
    /// as a deadlock victim: <see cref="DeadlockVictimException"/>), then <see cref="BlockAsync"/>. Called from the
    /// synchronous part of the acquiring call, so the registration sees the flow's chain.
    /// </summary>
    public static async ValueTask<bool> AcquireAsync(IWaitPolicy policy, AsyncHold hold, long identity, bool shared, Deadline deadline, CancellationToken cancellationToken)
    {
        var wait = WaitScope.BeginAsync(hold, cancellationToken);
        bool acquired;
        try
        {
            acquired = await BlockAsync(policy, identity, shared, deadline, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            wait.End(acquired: false);
            throw;
        }

        wait.End(acquired);
        return acquired;
    }

    /// <summary>The async slow path: the same protocol with a fresh node (and task) per round.</summary>
    public static async ValueTask<bool> BlockAsync(IWaitPolicy policy, long identity, bool shared, Deadline deadline, CancellationToken cancellationToken)
    {
        bool atFront = false;
        while (true)
        {
            var node = Waiter.ForAsync(identity, shared);
            lock (policy.Gate)
            {
                if (policy.TryAcquireOrEnqueue(node, atFront))
                {
                    return true;
                }
            }

            try
            {
                await node.Completion.WaitAsync(deadline.Remaining(), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return !Abandon(policy, node);
            }
            catch (OperationCanceledException)
            {
                if (Abandon(policy, node))
                {
                    throw;
                }

                return true;
            }

            if (node.State == Waiter.Granted || policy.TryAcquireNow(shared))
            {
                return true;
            }

            if (deadline.RemainingMilliseconds() == 0)
            {
                return false;
            }

            atFront = true;
        }
    }

    /// <summary>
    /// A waiter gives up. True: it left without the primitive. False: a releaser had already handed it the
    /// primitive (or, woken to compete, it still won it), so the caller holds it.
    /// </summary>
    private static bool Abandon(IWaitPolicy policy, Waiter node)
    {
        Waiter? proceed = null;
        bool removed;
        lock (policy.Gate)
        {
            removed = node.Queue is not null;
            if (removed)
            {
                proceed = policy.Withdraw(node);
            }
        }

        if (removed)
        {
            Waiter.Publish(proceed);
            return true;
        }

        // Dequeued by a releaser: wait for its verdict (it is between its gate and Publish).
        if (node.AwaitPublished() == Waiter.Granted)
        {
            return false;
        }

        // Woken to compete: if the primitive is still free take it, else its holder will wake the next waiter.
        return !policy.TryAcquireNow(node.Shared);
    }
}
