namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>What one step of an <see cref="AcquisitionScript"/> does.</summary>
public enum StepKind
{
    /// <summary>Acquire the step's resources, all at once (atomically): the process waits until every one is free.</summary>
    Acquire,

    /// <summary>Release the step's resources.</summary>
    Release,
}
