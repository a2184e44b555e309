namespace Arbiter.Sync.Tracking;

/// <summary>A consistent copy of one thread's tracked state, taken by the watchdog.</summary>
/// <param name="State">The thread's live state.</param>
/// <param name="Name">The thread's name at the time.</param>
/// <param name="Held">What it held.</param>
/// <param name="Waiting">What it waited for, if anything.</param>
internal sealed record ThreadView(ThreadLockState State, string Name, IReadOnlyList<HeldLock> Held, WaitRecord? Waiting);
