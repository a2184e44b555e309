namespace Arbiter.Core.Deadlock.Recovery;

/// <summary>
/// Weights of the victim cost (see <see cref="VictimCost"/> for the formula). All must be non-negative: the sign of
/// each term is fixed by the formula, the weight only scales it.
/// </summary>
/// <param name="Priority">Per priority unit: higher priority makes a victim costlier.</param>
/// <param name="CpuTime">Per unit of CPU time used: work that would be lost makes a victim costlier.</param>
/// <param name="Held">Per instance the victim would give back: freeing more makes it cheaper.</param>
/// <param name="StillNeeded">Per instance it still needs: being further from completion makes it cheaper.</param>
/// <param name="Rollbacks">Per earlier rollback: makes repeated victims costlier, so no process starves.</param>
public sealed record VictimCostWeights(
    double Priority = 10,
    double CpuTime = 1,
    double Held = 1,
    double StillNeeded = 1,
    double Rollbacks = 10)
{
    /// <summary>The default weights.</summary>
    public static VictimCostWeights Default { get; } = new();
}
