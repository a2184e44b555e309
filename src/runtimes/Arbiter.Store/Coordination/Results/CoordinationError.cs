namespace Arbiter.Store.Coordination;

/// <summary>A refused operation, or a failed wait (as the <see cref="WaitFailed"/> notification carries it).</summary>
/// <param name="Code">What went wrong.</param>
/// <param name="Resource">Resource name ("" for an operation that names none).</param>
/// <param name="Lease">The owner.</param>
/// <param name="Message">One line for humans.</param>
/// <param name="Deadlock">For <see cref="CoordinationErrorCode.Deadlock"/>: the deadlock that was broken.</param>
public sealed record CoordinationError(
    CoordinationErrorCode Code,
    string Resource,
    long Lease,
    string Message,
    DeadlockReport? Deadlock = null) : CoordinationResult
{
    /// <inheritdoc />
    public override bool IsError => true;
}
