namespace Arbiter.Sync.Tracking;

/// <summary>A thread (or async flow) of a deadlock: what it waits for, what it holds, and where it waits.</summary>
/// <param name="ThreadName">Name (or "thread N") of the thread, or "async flow #n" for an async flow.</param>
/// <param name="ThreadId">Managed id of the thread; 0 for an async flow (it runs on no thread while it waits).</param>
/// <param name="WaitingFor">The lock instance the thread is blocked on.</param>
/// <param name="Holding">The lock instances it holds.</param>
/// <param name="WaitingSince">When the wait began (from the tracker's <see cref="TimeProvider"/>).</param>
/// <param name="Stack">Stack of the blocked acquire, or null when stacks are not captured.</param>
public sealed record DeadlockedThread(string ThreadName, int ThreadId, string WaitingFor, IReadOnlyList<string> Holding, DateTimeOffset WaitingSince, string? Stack);
