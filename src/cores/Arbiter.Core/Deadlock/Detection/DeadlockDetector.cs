using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Detection;

/// <summary>
/// Deadlock detection for resource types with several instances (Silberschatz, <i>Operating System Concepts</i>,
/// §8.7.2; Coffman, Elphick and Shoshani 1971): optimistically assume every process whose outstanding Request can be
/// met will finish and return its allocation; the processes left when nobody else can proceed are deadlocked.
/// </summary>
/// <remarks>
/// It is graph reduction with demand = Request (<see cref="GraphReduction"/>, O(m·n·log n)). Unlike the Banker's
/// check it needs no declared claims: it judges the present (who is blocked for ever), not the future. A process
/// that requests nothing can always finish.
/// </remarks>
public static class DeadlockDetector
{
    /// <summary>Which processes are deadlocked, and the order in which the others can finish.</summary>
    public static DetectionResult Detect(ResourceLedger ledger)
    {
        ReductionResult result = GraphReduction.ReduceByRequest(ledger);
        return new DetectionResult(result.Order, result.Unfinished);
    }
}
