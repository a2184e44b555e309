using Arbiter.Core.Deadlock.Recovery;

namespace Arbiter.Store.Coordination;

/// <summary>Configuration of a <see cref="Coordinator"/>. Every replica must use the same options (they are part of the snapshot).</summary>
/// <param name="DetectDeadlocks">Keep the cross-client wait-for graph and break deadlocks as they form (on by default).</param>
/// <param name="Policy">Whose wait is failed when one forms.</param>
/// <param name="Weights">Weights of the victim cost for <see cref="DeadlockPolicy.FailCheapest"/>; null means the defaults.</param>
public sealed record CoordinatorOptions(
    bool DetectDeadlocks = true,
    DeadlockPolicy Policy = DeadlockPolicy.FailNewestWaiter,
    VictimCostWeights? Weights = null)
{
    /// <summary>Detection on, fail the newest waiter.</summary>
    public static CoordinatorOptions Default { get; } = new();

    /// <summary>The victim-cost weights in effect.</summary>
    public VictimCostWeights EffectiveWeights => Weights ?? VictimCostWeights.Default;
}
