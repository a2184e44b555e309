namespace Arbiter.Sync.Tracking;

/// <summary>
/// What an async flow holds: an immutable linked list (a persistent stack), newest first, kept in an
/// <see cref="AsyncLocal{T}"/>. Immutable so that forked children (<c>Task.WhenAll</c>, <c>Task.Run</c>) inherit
/// their parent's holds and each pushes its own without disturbing its siblings or the parent.
/// </summary>
/// <remarks>
/// Why no chain key or level is cached per entry (as <see cref="HeldLock"/> does on a thread's stack): an entry
/// below may die (released from another flow, a wait that failed) without this flow being told, so the live part
/// of the chain is only known when it is read. Chains are short (a flow rarely holds more than two or three async
/// locks) and the async path already allocates, so folding the key on each acquisition costs little.
/// </remarks>
internal sealed class AsyncHeldChain
{
    public AsyncHeldChain(AsyncHold hold, AsyncHeldChain? below)
    {
        Hold = hold;
        Below = below;
    }

    public AsyncHold Hold { get; }

    public AsyncHeldChain? Below { get; }

    /// <summary>The chain without its dead entries (the same object when none is dead).</summary>
    public static AsyncHeldChain? Prune(AsyncHeldChain? chain)
    {
        var dead = chain;
        while (dead is not null && !dead.Hold.IsDead)
        {
            dead = dead.Below;
        }

        if (dead is null)
        {
            return chain;
        }

        var kept = new List<AsyncHold>();
        for (var c = chain; c is not null; c = c.Below)
        {
            if (!c.Hold.IsDead)
            {
                kept.Add(c.Hold);
            }
        }

        AsyncHeldChain? rebuilt = null;
        for (int i = kept.Count - 1; i >= 0; i--)
        {
            rebuilt = new AsyncHeldChain(kept[i], rebuilt);
        }

        return rebuilt;
    }

    /// <summary>The holds that are not dead, oldest first.</summary>
    public static List<AsyncHold> Holds(AsyncHeldChain? chain)
    {
        var holds = new List<AsyncHold>();
        for (var c = chain; c is not null; c = c.Below)
        {
            if (!c.Hold.IsDead)
            {
                holds.Add(c.Hold);
            }
        }

        holds.Reverse();
        return holds;
    }
}
