namespace Arbiter.Store.Coordination;

/// <summary>Owner → owner, the wait-for graph proper: <paramref name="From"/> cannot be granted
/// <paramref name="Resource"/> before <paramref name="To"/> releases it (or, if queued ahead, is granted it first).</summary>
/// <param name="From">The waiter.</param>
/// <param name="To">The owner it waits on.</param>
/// <param name="Resource">The resource in between.</param>
/// <param name="Reason">Holder or queued ahead.</param>
public sealed record WaitsForEdge(long From, long To, string Resource, WaitReason Reason);
