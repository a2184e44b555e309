namespace Arbiter.Store.Coordination;

/// <summary>What applying one operation produced: the caller's result and the notifications for everyone else,
/// in the order they happened. Identical on every replica for the same sequence of operations.</summary>
/// <param name="Result">The answer to the caller.</param>
/// <param name="Notifications">Grants to woken waiters, failed waits of deadlock victims, leadership changes, released barriers.</param>
public sealed record CoordinationOutcome(CoordinationResult Result, IReadOnlyList<CoordinationNotification> Notifications);
