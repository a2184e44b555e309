namespace Arbiter.Core.Deadlock.Detection;

/// <summary>The outcome of multi-instance deadlock detection.</summary>
/// <param name="FinishOrder">Processes whose outstanding requests can be met, in the canonical finishing order.</param>
/// <param name="Deadlocked">Processes that can never have their request met, ascending.</param>
public sealed record DetectionResult(IReadOnlyList<int> FinishOrder, IReadOnlyList<int> Deadlocked)
{
    /// <summary>True when some process is deadlocked.</summary>
    public bool HasDeadlock => Deadlocked.Count > 0;
}
