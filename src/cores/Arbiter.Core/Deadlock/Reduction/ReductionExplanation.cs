namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>A reduction told step by step (see <see cref="GraphReduction.Explain"/>).</summary>
/// <param name="Steps">The canonical finishing order, one step per finished process.</param>
/// <param name="FinalWork">Work after the last step: Available plus everything the finished processes held.</param>
/// <param name="Stuck">The processes that cannot finish, ascending, each with a demand that
/// <paramref name="FinalWork"/> does not cover.</param>
public sealed record ReductionExplanation(IReadOnlyList<ReductionStep> Steps, IReadOnlyList<long> FinalWork, IReadOnlyList<int> Stuck)
{
    /// <summary>True when every process finishes.</summary>
    public bool AllFinish => Stuck.Count == 0;
}
