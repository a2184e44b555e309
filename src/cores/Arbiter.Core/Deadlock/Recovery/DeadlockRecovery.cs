using System.Diagnostics;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Recovery;

/// <summary>
/// Recovery from deadlock (Silberschatz, <i>Operating System Concepts</i>, §8.8; seed week 5): detect with graph
/// reduction (<see cref="GraphReduction.ReduceByRequest"/>), then break the deadlock by process termination (all
/// deadlocked processes, or one victim at a time with detection re-run after each) or by resource preemption with
/// rollback to a checkpoint. Victims are chosen only among deadlocked processes, by <see cref="VictimCost"/>.
/// </summary>
/// <remarks>
/// Works on a clone of the caller's ledger and keeps process indices stable until the end (a terminated process
/// holds and requests nothing, so detection lets it finish trivially); terminated processes are removed last with
/// <see cref="ResourceLedger.Without"/>. Every step only returns resources to available, so the deadlocked set never
/// grows and the loop ends: each preemption empties a victim down to its checkpoint for good and each termination
/// removes a process — at most 2n steps, each one detection (O(m·n²) with the textbook reducer).
/// </remarks>
public static class DeadlockRecovery
{
    /// <summary>Breaks every deadlock in <paramref name="ledger"/> with <paramref name="strategy"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not a number.</exception>
    public static RecoveryResult Recover(ResourceLedger ledger, RecoveryStrategy strategy, VictimCostWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        weights ??= VictimCostWeights.Default;
        double[] w = [weights.Priority, weights.CpuTime, weights.Held, weights.StillNeeded, weights.Rollbacks];
        if (w.Any(x => x < 0 || double.IsNaN(x)))
        {
            throw new ArgumentOutOfRangeException(nameof(weights), "victim cost weights must be non-negative numbers");
        }

        ResourceLedger work = ledger.Clone();
        int[] initial = Deadlocked(work);
        var steps = new List<RecoveryStep>();
        var terminated = new List<int>();

        if (strategy == RecoveryStrategy.TerminateAll)
        {
            // All victims are chosen at once, from the initial detection; later ones may already be free to run
            // when their turn comes — that is the price of the drastic option, and the steps show it.
            // They are killed cheapest first (ties by process order), so the report reads as a ranked list.
            VictimCost[] costs = [.. initial.Select(p => VictimCost.Of(work, p, RecoveryAction.Terminate, weights))
                .OrderBy(c => c.Total).ThenBy(c => c.Process)];
            int[] before = initial;
            foreach (VictimCost cost in costs)
            {
                RecoveryStep step = Terminate(work, cost, costs, steps.Count + 1, terminated, before);
                steps.Add(step);
                before = [.. step.DeadlockedAfter]; // one detection per step: this step's "after" is the next "before"
            }
        }
        else
        {
            int[] deadlocked = initial;
            while (deadlocked.Length > 0)
            {
                RecoveryStep step = strategy == RecoveryStrategy.Preempt
                    ? PreemptOrTerminate(work, deadlocked, weights, steps.Count + 1, terminated)
                    : Terminate(work, Cheapest(work, deadlocked, RecoveryAction.Terminate, weights, out var candidates), candidates, steps.Count + 1, terminated, deadlocked);
                Debug.Assert(step.DeadlockedAfter.All(step.DeadlockedBefore.Contains), "freeing resources never adds to a deadlock");
                steps.Add(step);
                deadlocked = [.. step.DeadlockedAfter];
            }
        }

        return new RecoveryResult(strategy, initial, steps, terminated, work.Without(terminated));
    }

    private static RecoveryStep PreemptOrTerminate(ResourceLedger work, int[] deadlocked, VictimCostWeights weights, int number, List<int> terminated)
    {
        int[] canGive = [.. deadlocked.Where(p => Giveable(work, p).Any(x => x > 0))];
        if (canGive.Length == 0)
        {
            // Nobody can be rolled back any further: fall back to terminating the cheapest.
            VictimCost victim = Cheapest(work, deadlocked, RecoveryAction.Terminate, weights, out var all);
            return Terminate(work, victim, all, number, terminated, deadlocked);
        }

        VictimCost cost = Cheapest(work, canGive, RecoveryAction.Preempt, weights, out var candidates);
        int p = cost.Process;
        int[] taken = Giveable(work, p);
        work.Release(p, taken);

        // The victim rolls back: what was taken is added to its outstanding request, so it must re-acquire it.
        int[] request = work.Request(p).ToArray();
        for (int r = 0; r < request.Length; r++)
        {
            request[r] += taken[r];
        }

        work.SetRequest(p, request);
        ProcessInfo info = work.Process(p);
        work.SetProcessInfo(p, info with { Rollbacks = info.Rollbacks + 1 });
        return new RecoveryStep(number, RecoveryAction.Preempt, p, info.Name, cost, candidates, taken, deadlocked, Deadlocked(work));
    }

    private static RecoveryStep Terminate(
        ResourceLedger work, VictimCost cost, IReadOnlyList<VictimCost> candidates, int number, List<int> terminated, int[]? before = null)
    {
        before ??= Deadlocked(work);
        int[] released = work.ReleaseAll(cost.Process);
        terminated.Add(cost.Process);
        return new RecoveryStep(number, RecoveryAction.Terminate, cost.Process, cost.Name, cost, candidates, released, before, Deadlocked(work));
    }

    /// <summary>The cheapest of <paramref name="processes"/> (ascending); strict comparison keeps the first on ties.</summary>
    private static VictimCost Cheapest(ResourceLedger work, int[] processes, RecoveryAction action, VictimCostWeights weights, out VictimCost[] candidates)
    {
        candidates = [.. processes.Select(p => VictimCost.Of(work, p, action, weights))];
        VictimCost best = candidates[0];
        foreach (VictimCost c in candidates)
        {
            if (c.Total < best.Total)
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>What a rollback to the checkpoint would take from <paramref name="p"/>: Allocation − Checkpoint.</summary>
    private static int[] Giveable(ResourceLedger work, int p)
    {
        int[] give = work.Allocation(p).ToArray();
        ReadOnlySpan<int> checkpoint = work.Checkpoint(p);
        for (int r = 0; r < give.Length; r++)
        {
            give[r] = Math.Max(0, give[r] - checkpoint[r]);
        }

        return give;
    }

    private static int[] Deadlocked(ResourceLedger work) => [.. GraphReduction.ReduceByRequest(work).Unfinished];
}
