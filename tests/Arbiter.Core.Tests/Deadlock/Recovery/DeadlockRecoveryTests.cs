using Arbiter.Core.Deadlock.Recovery;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Tests.Deadlock.Recovery;

public class DeadlockRecoveryTests
{
    [Fact]
    public void Recover_TwoLocksTerminateAll_KillsBothAndFreesEverything()
    {
        RecoveryResult result = DeadlockRecovery.Recover(RecoveryLedgers.TwoLocks(), RecoveryStrategy.TerminateAll);

        Assert.Equal([0, 1], result.InitiallyDeadlocked);
        Assert.Equal([0, 1], result.Terminated);
        Assert.Equal(2, result.Steps.Count);
        // After P1 dies, P2 could already run: the second kill is the waste of the drastic option.
        Assert.Equal([0, 1], result.Steps[0].DeadlockedBefore);
        Assert.Empty(result.Steps[0].DeadlockedAfter);
        Assert.Empty(result.Steps[1].DeadlockedBefore);
        Assert.Equal(0, result.Ledger.ProcessCount);
        Assert.Equal([1, 1], result.Ledger.Available.ToArray());
    }

    [Fact]
    public void Recover_TwoLocksTerminateOne_EqualCostsKillP1ByProcessOrder()
    {
        // Both: priority 0, cpu 0, held 1, still needed (request, no max) 1 → cost −2; tie → P1.
        RecoveryResult result = DeadlockRecovery.Recover(RecoveryLedgers.TwoLocks(), RecoveryStrategy.TerminateOne);

        RecoveryStep step = Assert.Single(result.Steps);
        Assert.Equal((RecoveryAction.Terminate, 0, "P1"), (step.Action, step.Victim, step.VictimName));
        Assert.Equal([-2.0, -2.0], step.Candidates.Select(c => c.Total));
        Assert.Equal([1, 0], step.Released);
        Assert.Empty(step.DeadlockedAfter);
        Assert.Equal(["P2"], Enumerable.Range(0, result.Ledger.ProcessCount).Select(result.Ledger.ProcessName));
        Assert.Equal([1, 0], result.Ledger.Available.ToArray());
    }

    [Fact]
    public void Recover_TwoLocksTerminateOne_HigherPriorityP1IsSpared()
    {
        // P1: 10·2 − 1 − 1 = 18; P2: −2 → P2 is the victim.
        RecoveryResult result = DeadlockRecovery.Recover(RecoveryLedgers.TwoLocks(p1Priority: 2), RecoveryStrategy.TerminateOne);

        RecoveryStep step = Assert.Single(result.Steps);
        Assert.Equal("P2", step.VictimName);
        Assert.Equal([18.0, -2.0], step.Candidates.Select(c => c.Total));
    }

    [Fact]
    public void Recover_TwoLocksTerminateOne_EarlierRollbackProtectsP1()
    {
        // P1: −2 + 10·1 = 8 > P2's −2.
        RecoveryResult result = DeadlockRecovery.Recover(RecoveryLedgers.TwoLocks(p1Rollbacks: 1), RecoveryStrategy.TerminateOne);

        Assert.Equal("P2", Assert.Single(result.Steps).VictimName);
    }

    [Fact]
    public void Recover_TwoLocksPreempt_RollsBackP1WhichMustReacquireA()
    {
        ResourceLedger original = RecoveryLedgers.TwoLocks();

        RecoveryResult result = DeadlockRecovery.Recover(original, RecoveryStrategy.Preempt);

        RecoveryStep step = Assert.Single(result.Steps);
        Assert.Equal((RecoveryAction.Preempt, "P1"), (step.Action, step.VictimName));
        Assert.Equal([1, 0], step.Released);
        Assert.Empty(step.DeadlockedAfter);
        Assert.Empty(result.Terminated);
        Assert.Equal([0], result.RolledBack);
        ResourceLedger after = result.Ledger;
        Assert.Equal([0, 0, 0, 1], after.AllocationMatrix.ToArray());
        Assert.Equal([1, 1, 1, 0], after.RequestMatrix.ToArray());
        Assert.Equal(1, after.Process(0).Rollbacks);
        Assert.Equal([1, 0], after.Available.ToArray());
        // The caller's ledger is untouched.
        Assert.Equal([1, 0, 0, 1], original.AllocationMatrix.ToArray());
        Assert.Equal(0, original.Process(0).Rollbacks);
    }

    [Fact]
    public void Recover_PreemptWhereP1IsAtItsCheckpoint_NeverPicksP1()
    {
        // P1 is cheaper (tie, first) but holds nothing beyond its checkpoint, so P2 gives B back instead.
        RecoveryResult result = DeadlockRecovery.Recover(RecoveryLedgers.TwoLocks(p1Checkpoint: [1, 0]), RecoveryStrategy.Preempt);

        RecoveryStep step = Assert.Single(result.Steps);
        Assert.Equal((RecoveryAction.Preempt, "P2"), (step.Action, step.VictimName));
        Assert.Equal(["P2"], step.Candidates.Select(c => c.Name));
    }

    [Fact]
    public void Recover_PreemptWhereNobodyCanGive_FallsBackToTerminatingTheCheapest()
    {
        RecoveryResult result = DeadlockRecovery.Recover(
            RecoveryLedgers.TwoLocks(p1Checkpoint: [1, 0], p2Checkpoint: [0, 1]), RecoveryStrategy.Preempt);

        RecoveryStep step = Assert.Single(result.Steps);
        Assert.Equal((RecoveryAction.Terminate, "P1"), (step.Action, step.VictimName));
        Assert.Equal([0], result.Terminated);
    }

    [Fact]
    public void Recover_PhilosophersUnderEachStrategy_OneVictimSufficesExceptTerminateAll()
    {
        ResourceLedger ledger = RecoveryLedgers.Philosophers();

        RecoveryResult all = DeadlockRecovery.Recover(ledger, RecoveryStrategy.TerminateAll);
        RecoveryResult one = DeadlockRecovery.Recover(ledger, RecoveryStrategy.TerminateOne);
        RecoveryResult preempt = DeadlockRecovery.Recover(ledger, RecoveryStrategy.Preempt);

        Assert.Equal([0, 1, 2, 3, 4], all.InitiallyDeadlocked);
        Assert.Equal([0, 1, 2, 3, 4], all.Terminated);
        Assert.Equal([0], one.Terminated);
        Assert.Empty(Assert.Single(one.Steps).DeadlockedAfter);
        Assert.Equal((RecoveryAction.Preempt, 0), (Assert.Single(preempt.Steps).Action, preempt.Steps[0].Victim));
        Assert.Equal(4, one.Ledger.ProcessCount);
        Assert.Equal([1, 0, 0, 0, 0], one.Ledger.Available.ToArray());
    }

    [Fact]
    public void Recover_PhilosophersWithCpuTimes_KillsTheOneThatUsedLeast()
    {
        // cost = cpu − 1 − 1: P2 (cpu 1) is cheapest.
        RecoveryResult result = DeadlockRecovery.Recover(RecoveryLedgers.Philosophers([5, 3, 1, 4, 2]), RecoveryStrategy.TerminateOne);

        RecoveryStep step = Assert.Single(result.Steps);
        Assert.Equal("P2", step.VictimName);
        Assert.Equal([3.0, 1.0, -1.0, 2.0, 0.0], step.Candidates.Select(c => c.Total));
    }

    [Fact]
    public void Recover_NoDeadlock_NoStepsAndSameState()
    {
        ResourceLedger ledger = ResourceLedger.FromSpec(new LedgerSpec(["A"], [2], null,
            [new ProcessSpec("P1", [1], Request: [1]), new ProcessSpec("P2", [0], Request: [1])]));

        RecoveryResult result = DeadlockRecovery.Recover(ledger, RecoveryStrategy.TerminateOne);

        Assert.Empty(result.Steps);
        Assert.Empty(result.InitiallyDeadlocked);
        Assert.Equal(ledger.AllocationMatrix.ToArray(), result.Ledger.AllocationMatrix.ToArray());
    }

    [Fact]
    public void VictimCost_EveryComponent_FollowsTheDocumentedFormula()
    {
        // priority 3, cpu 2.5, held 4 (2 A + 2 B), Need = Max − Allocation = (3−2) + (4−2) = 3, rollbacks 2.
        ResourceLedger ledger = ResourceLedger.FromSpec(new LedgerSpec(["A", "B"], [4, 4], null,
            [new ProcessSpec("P", [2, 2], Max: [3, 4], Request: [1, 0], Priority: 3, CpuTime: 2.5, Rollbacks: 2, Checkpoint: [1, 0])]));
        var weights = new VictimCostWeights(Priority: 1, CpuTime: 2, Held: 0.5, StillNeeded: 1, Rollbacks: 4);

        VictimCost terminate = VictimCost.Of(ledger, 0, RecoveryAction.Terminate, weights);
        VictimCost preempt = VictimCost.Of(ledger, 0, RecoveryAction.Preempt, weights);

        Assert.Equal((3.0, 5.0, -2.0, -3.0, 8.0), (terminate.PriorityTerm, terminate.CpuTimeTerm, terminate.HeldTerm, terminate.StillNeededTerm, terminate.RollbacksTerm));
        Assert.Equal(11.0, terminate.Total);
        Assert.Equal(3, preempt.Held); // beyond the checkpoint (1, 0)
        Assert.Equal(11.5, preempt.Total);
    }

    [Fact]
    public void Recover_NegativeWeight_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            DeadlockRecovery.Recover(RecoveryLedgers.TwoLocks(), RecoveryStrategy.TerminateOne, new VictimCostWeights(Held: -1)));
    }
}
