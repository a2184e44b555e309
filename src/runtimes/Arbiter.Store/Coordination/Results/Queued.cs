namespace Arbiter.Store.Coordination;

/// <summary>The owner now waits; a <see cref="WaiterGranted"/> (or a <see cref="WaitFailed"/>) notification ends the wait.</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Since">Revision at which the wait began.</param>
/// <param name="Position">0-based position in the FIFO queue.</param>
public sealed record Queued(string Resource, long Lease, long Since, int Position) : CoordinationResult;
