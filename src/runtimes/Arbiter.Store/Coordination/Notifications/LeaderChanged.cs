namespace Arbiter.Store.Coordination;

/// <summary>The leader of an election, or its value, changed; the ordered sequence of these is what an observer sees.</summary>
/// <param name="Election">Election name.</param>
/// <param name="Lease">The leader, or null when nobody leads any more.</param>
/// <param name="Value">The leader's value (null when nobody leads).</param>
/// <param name="Token">The leader's fencing token (0 when nobody leads).</param>
/// <param name="Revision">Revision of the change.</param>
public sealed record LeaderChanged(string Election, long? Lease, string? Value, long Token, long Revision) : CoordinationNotification;
