using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Recovery;

/// <summary>
/// The cost of choosing a process as a recovery victim, term by term (Silberschatz, <i>Operating System Concepts</i>,
/// §8.8.1–8.8.2, and the seed's week-5 "factors to consider"):
/// <code>
/// cost = w.Priority·priority + w.CpuTime·cpuTime − w.Held·held − w.StillNeeded·stillNeeded + w.Rollbacks·rollbacks
/// </code>
/// <c>held</c> = instances the action would give back (termination: all held; preemption: held beyond the
/// checkpoint); <c>stillNeeded</c> = instances of Need (Max − Allocation) if the process declared a maximum claim,
/// else of its outstanding request. The cheapest process is the victim; ties go to the first in process order.
/// </summary>
/// <param name="Process">Index of the process in the caller's ledger.</param>
/// <param name="Name">Name of the process.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="CpuTime">CPU time it used.</param>
/// <param name="Held">Instances the action would give back.</param>
/// <param name="StillNeeded">Instances it still needs.</param>
/// <param name="Rollbacks">Earlier rollbacks.</param>
/// <param name="Weights">The weights applied.</param>
public sealed record VictimCost(
    int Process,
    string Name,
    int Priority,
    double CpuTime,
    int Held,
    int StillNeeded,
    int Rollbacks,
    VictimCostWeights Weights)
{
    /// <summary>+ w.Priority · priority.</summary>
    public double PriorityTerm => Weights.Priority * Priority;

    /// <summary>+ w.CpuTime · CPU time.</summary>
    public double CpuTimeTerm => Weights.CpuTime * CpuTime;

    /// <summary>− w.Held · held.</summary>
    public double HeldTerm => -Weights.Held * Held;

    /// <summary>− w.StillNeeded · still needed.</summary>
    public double StillNeededTerm => -Weights.StillNeeded * StillNeeded;

    /// <summary>+ w.Rollbacks · rollbacks.</summary>
    public double RollbacksTerm => Weights.Rollbacks * Rollbacks;

    /// <summary>The sum of the terms; lower is a better victim.</summary>
    public double Total => PriorityTerm + CpuTimeTerm + HeldTerm + StillNeededTerm + RollbacksTerm;

    /// <summary>The cost of <paramref name="action"/> on process <paramref name="p"/> in the current state of <paramref name="ledger"/>.</summary>
    public static VictimCost Of(ResourceLedger ledger, int p, RecoveryAction action, VictimCostWeights weights)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(weights);
        ProcessInfo info = ledger.Process(p);
        int held = 0;
        int needed = 0;
        for (int r = 0; r < ledger.ResourceCount; r++)
        {
            held += action == RecoveryAction.Terminate
                ? ledger.Allocation(p)[r]
                : ledger.Allocation(p)[r] - ledger.Checkpoint(p)[r];
            needed += ledger.HasDeclaredMax(p) ? ledger.Need(p, r) : ledger.Request(p)[r];
        }

        return new VictimCost(p, info.Name, info.Priority, info.CpuTime, held, needed, info.Rollbacks, weights);
    }

    /// <summary>"P1: 10·2 + 1·0 − 1·1 − 1·1 + 10·0 = 18".</summary>
    public override string ToString() =>
        $"{Name}: {Weights.Priority}·{Priority} + {Weights.CpuTime}·{CpuTime} − {Weights.Held}·{Held} − {Weights.StillNeeded}·{StillNeeded} + {Weights.Rollbacks}·{Rollbacks} = {Total}";
}
