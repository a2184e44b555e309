using System.Diagnostics.CodeAnalysis;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// One thread or one async call waiting in a primitive's queue. A synchronous waiter blocks on its own event; an
/// async waiter completes a task. The node moves Waiting → Granted (the primitive handed it what it asked for) or
/// Waiting → Woken (barging: it may now compete again), and is never reused before its thread has seen that move.
/// </summary>
/// <remarks>
/// Publication protocol (why <see cref="Publish"/> runs after the primitive's gate is released): a releaser dequeues
/// nodes under the gate and chains them through <see cref="NextToWake"/>, then, outside the gate, for each node
/// reads the next link, writes the final state and sets the event. A waiter whose wait timed out finds its node
/// dequeued but still Waiting and spins until the state arrives (<see cref="AwaitPublished"/>): it cannot reuse its
/// node, and so overwrite <see cref="NextToWake"/>, before the releaser has finished with it.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "A synchronous node lives as long as its thread and never touches the event's WaitHandle, so there is nothing to dispose.")]
internal sealed class Waiter
{
    public const int Waiting = 0;
    public const int Granted = 1;
    public const int Woken = 2;

    [ThreadStatic] private static Waiter? t_lockWaiter;
    [ThreadStatic] private static Waiter? t_conditionWaiter;

    private readonly ManualResetEventSlim? _event;
    private readonly TaskCompletionSource? _completion;
    private int _state;

    private Waiter(bool synchronous)
    {
        if (synchronous)
        {
            _event = new ManualResetEventSlim(false);
        }
        else
        {
            // Continuations never run inline on the releasing thread (it may be inside a primitive's gate).
            _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Who waits: a managed thread id (positive) or an async holder token (negative).</summary>
    public long Identity { get; private set; }

    /// <summary>For a reader-writer lock: true for a reader.</summary>
    public bool Shared { get; private set; }

    /// <summary>The state to publish when the releaser wakes the node.</summary>
    public int Pending { get; set; }

    /// <summary>Intrusive links of the <see cref="WaitQueue"/> the node is in.</summary>
    public Waiter? Next { get; set; }

    /// <summary>Intrusive links of the <see cref="WaitQueue"/> the node is in.</summary>
    public Waiter? Previous { get; set; }

    /// <summary>The queue holding the node, or null once dequeued.</summary>
    public WaitQueue? Queue { get; set; }

    /// <summary>Link of the releaser's private list of nodes to wake after its gate.</summary>
    public Waiter? NextToWake { get; set; }

    public int State => Volatile.Read(ref _state);

    public Task Completion => _completion!.Task;

    /// <summary>The calling thread's node for lock queues (no allocation after the first wait).</summary>
    public static Waiter ForThread(bool shared = false) =>
        (t_lockWaiter ??= new Waiter(synchronous: true)).Prepare(Environment.CurrentManagedThreadId, shared);

    /// <summary>
    /// The calling thread's node for condition queues: a separate node, because a thread woken from a condition
    /// re-acquires the monitor (and may queue there) while its condition node may still be referenced.
    /// </summary>
    public static Waiter ForCondition() =>
        (t_conditionWaiter ??= new Waiter(synchronous: true)).Prepare(Environment.CurrentManagedThreadId, false);

    /// <summary>A fresh node for one async wait (a task completes only once).</summary>
    public static Waiter ForAsync(long identity, bool shared = false) => new Waiter(synchronous: false).Prepare(identity, shared);

    private Waiter Prepare(long identity, bool shared)
    {
        Identity = identity;
        Shared = shared;
        Pending = Waiting;
        NextToWake = null;
        Volatile.Write(ref _state, Waiting);
        return this;
    }

    /// <summary>Sets the state directly (for a monitor's conditions, where the signaller holds the monitor throughout).</summary>
    public void SetState(int state) => Volatile.Write(ref _state, state);

    /// <summary>
    /// Outside the gate: publishes <see cref="Pending"/> to every node of a wake list and wakes it. The next link is
    /// read before the state is written, because a node may be reused as soon as its state changes.
    /// </summary>
    public static void Publish(Waiter? first)
    {
        for (Waiter? node = first; node is not null;)
        {
            Waiter? next = node.NextToWake;
            node.NextToWake = null;
            Volatile.Write(ref node._state, node.Pending);
            node.Wake();
            node = next;
        }
    }

    /// <summary>Sets the event or completes the task. A stale set on a reused event only causes a spurious wake-up.</summary>
    public void Wake()
    {
        if (_event is not null)
        {
            _event.Set();
        }
        else
        {
            _completion!.TrySetResult();
        }
    }

    /// <summary>
    /// Blocks the calling thread until the state leaves Waiting (true) or the deadline passes (false). Throws
    /// <see cref="OperationCanceledException"/> on cancellation. The caller resolves a timeout under the gate.
    /// </summary>
    public bool Block(Deadline deadline, CancellationToken cancellationToken)
    {
        var ev = _event!;
        while (Volatile.Read(ref _state) == Waiting)
        {
            int remaining = deadline.RemainingMilliseconds();
            if (remaining == 0 || !ev.Wait(remaining, cancellationToken))
            {
                return false;
            }

            // Reset, then re-read the state in the loop condition: a releaser writes the state before it sets the
            // event, so either we see its state now or its set comes after this reset and the next Wait returns.
            ev.Reset();
        }

        return true;
    }

    /// <summary>
    /// For a node already dequeued by a releaser that has not published yet: spins (briefly: the releaser is
    /// between its gate and <see cref="Publish"/>) until the state arrives, and returns it.
    /// </summary>
    public int AwaitPublished()
    {
        var spinner = new SpinWait();
        int state;
        while ((state = Volatile.Read(ref _state)) == Waiting)
        {
            spinner.SpinOnce();
        }

        return state;
    }
}
