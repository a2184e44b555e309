namespace Arbiter.Sync.Tracking;

/// <summary>One entry of a thread's held-lock stack.</summary>
/// <param name="Lock">The lock instance.</param>
/// <param name="Mode">Exclusive or shared.</param>
/// <param name="Units">Units held through this entry (semaphores; 1 otherwise).</param>
/// <param name="Node">The validator node: class and nesting subclass (see <see cref="ChainKey.Node"/>).</param>
/// <param name="Chain">Hash of the node sequence from the bottom of the stack up to and including this entry.</param>
/// <param name="MaxLevel">Highest lock level held at or below this entry (<see cref="int.MinValue"/> when none).</param>
internal readonly record struct HeldLock(TrackedLock Lock, LockMode Mode, int Units, long Node, ulong Chain, int MaxLevel);
