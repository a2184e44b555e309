namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// The outcome of reducing a resource state: the order in which processes can finish (each one's demand met from
/// the work pool, then its allocation returned) and the processes that can never finish.
/// </summary>
/// <param name="Order">Process indices in finishing order. Canonical: the order of the textbook pass scan
/// (<see cref="TextbookReduction"/>): passes over the processes in index order, each finishing every process whose
/// demand fits the work as the pass meets it.</param>
/// <param name="Unfinished">Process indices that cannot finish, ascending.</param>
public sealed record ReductionResult(IReadOnlyList<int> Order, IReadOnlyList<int> Unfinished)
{
    /// <summary>True when every process can finish (safe state, or no deadlock).</summary>
    public bool AllFinish => Unfinished.Count == 0;
}
