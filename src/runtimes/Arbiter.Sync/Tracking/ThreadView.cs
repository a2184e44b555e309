namespace Arbiter.Sync.Tracking;

/// <summary>A consistent copy of one waiter's tracked state, taken by the watchdog: a thread, or a waiting async flow.</summary>
/// <param name="State">The thread's live state; null for an async flow.</param>
/// <param name="Name">The thread's name at the time, or "async flow #n".</param>
/// <param name="ThreadId">The thread's managed id; 0 for an async flow.</param>
/// <param name="Held">What it held (for a waiter, including the async holds the snapshot gave it).</param>
/// <param name="Waiting">What it waited for, if anything.</param>
internal sealed record ThreadView(ThreadLockState? State, string Name, int ThreadId, IReadOnlyList<HeldLock> Held, WaitRecord? Waiting);
