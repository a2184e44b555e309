namespace Arbiter.Store.Coordination;

/// <summary>Owner → resource: the owner waits for it.</summary>
/// <param name="Lease">The waiter.</param>
/// <param name="Resource">Resource name.</param>
/// <param name="Units">Units asked for.</param>
/// <param name="Exclusive">A writer (or mutex, candidacy); false for a reader or permits.</param>
/// <param name="Since">Revision at which the wait began.</param>
/// <param name="Position">0-based place in the FIFO queue.</param>
public sealed record WaitEdge(string Resource, long Lease, int Units, bool Exclusive, long Since, int Position);
