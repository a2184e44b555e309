namespace Arbiter.Sync.Tracking;

/// <summary>
/// One edge of the lock-order graph: some thread held <see cref="From"/> while it acquired <see cref="To"/>.
/// Recorded the first time the order was seen, with the thread and the stack of that acquisition.
/// </summary>
/// <param name="From">The class held (with its nesting subclass, if any).</param>
/// <param name="To">The class acquired.</param>
/// <param name="ThreadName">Name (or "thread N") of the thread that first took this order, or "async flow #n".</param>
/// <param name="ThreadId">Managed id of that thread (for an async flow, the thread it ran on then).</param>
/// <param name="Stack">Stack of that acquisition, or null when stacks are not captured.</param>
public sealed record LockOrderEdge(string From, string To, string ThreadName, int ThreadId, string? Stack)
{
    /// <inheritdoc />
    public override string ToString() => $"{From} → {To} (first by {ThreadName})";
}
