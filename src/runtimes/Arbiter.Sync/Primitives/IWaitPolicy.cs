namespace Arbiter.Sync.Primitives;

/// <summary>
/// What a primitive tells <see cref="QueuedWait"/>: how to try to take it and how to queue for it. The protocol
/// (queue under the gate, block outside it, resolve a timeout under the gate) is written once, in
/// <see cref="QueuedWait"/>; each primitive supplies only its state-word rules.
/// </summary>
internal interface IWaitPolicy
{
    /// <summary>The small lock that guards the primitive's wait queues (never held while a thread blocks).</summary>
    Lock Gate { get; }

    /// <summary>One attempt to take the primitive as a running newcomer would (no queueing).</summary>
    bool TryAcquireNow(bool shared);

    /// <summary>
    /// Under the gate: takes the primitive, or records the node as waiting, in ONE atomic update of the state word.
    /// Checking and then recording in two steps would lose a wake-up: a holder releasing in between sees no
    /// waiter and wakes nobody, while the node goes to sleep on a free primitive.
    /// </summary>
    bool TryAcquireOrEnqueue(Waiter node, bool atFront);

    /// <summary>
    /// Under the gate: removes a node that gives up (timeout, cancellation). Returns the nodes that may proceed
    /// because it left (chained through <see cref="Waiter.NextToWake"/>, published after the gate), e.g. readers
    /// that waited only because this writer was waiting.
    /// </summary>
    Waiter? Withdraw(Waiter node);
}
