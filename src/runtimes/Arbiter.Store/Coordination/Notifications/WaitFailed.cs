namespace Arbiter.Store.Coordination;

/// <summary>A waiter's wait was failed by this operation (a deadlock victim other than the caller).</summary>
/// <param name="Resource">Resource it waited for.</param>
/// <param name="Lease">The owner.</param>
/// <param name="Error">The error its pending call returns.</param>
public sealed record WaitFailed(string Resource, long Lease, CoordinationError Error) : CoordinationNotification;
