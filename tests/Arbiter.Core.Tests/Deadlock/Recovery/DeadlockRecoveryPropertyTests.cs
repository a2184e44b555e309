using Arbiter.Core.Deadlock.Recovery;
using Arbiter.Core.Resources;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Recovery;

public class DeadlockRecoveryPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(3000);
    private static readonly RecoveryStrategy[] Strategies = Enum.GetValues<RecoveryStrategy>();

    [Fact]
    public void Recover_AnyStateAnyStrategy_AgreesWithSlowReference()
    {
        var weights = new VictimCostWeights(Priority: 2, CpuTime: 0.5, Held: 1, StillNeeded: 0.5, Rollbacks: 3);
        Check.One(Config, Prop.ForAll(LedgerGen.Arbitrary(), spec =>
        {
            foreach (RecoveryStrategy strategy in Strategies)
            {
                RecoveryResult result = DeadlockRecovery.Recover(ResourceLedger.FromSpec(spec), strategy, weights);
                var reference = new ReferenceRecovery(spec);
                Assert.Equal(reference.Deadlocked(), result.InitiallyDeadlocked);
                reference.Run(strategy, weights);
                Assert.Equal(reference.Steps, result.Steps.Select(s => (s.Action, s.Victim)));
                Assert.Equal(reference.Available, result.Ledger.Available.ToArray());
                Assert.Equal(reference.Survivors(), ReferenceRecovery.Survivors(result.Ledger));
            }
        }));
    }

    [Fact]
    public void Recover_AnyStateAnyStrategy_NoDeadlockRemainsAndResourcesConserved()
    {
        Check.One(Config, Prop.ForAll(LedgerGen.Arbitrary(), spec =>
        {
            ResourceLedger ledger = ResourceLedger.FromSpec(spec);
            int[] allocationBefore = ledger.AllocationMatrix.ToArray();
            foreach (RecoveryStrategy strategy in Strategies)
            {
                RecoveryResult result = DeadlockRecovery.Recover(ledger, strategy);
                ResourceLedger after = result.Ledger;
                Assert.Empty(new ReferenceRecovery(after.ToSpec()).Deadlocked());
                Assert.Equal(ledger.Total.ToArray(), after.Total.ToArray());
                for (int r = 0; r < ledger.ResourceCount; r++)
                {
                    int held = Enumerable.Range(0, after.ProcessCount).Sum(p => after.Allocation(p)[r]);
                    Assert.Equal(after.Total[r], after.Available[r] + held);
                    Assert.Equal(ledger.Available[r] + result.Steps.Sum(s => s.Released[r]), after.Available[r]);
                }

                Assert.Equal(ledger.ProcessCount - result.Terminated.Count, after.ProcessCount);
            }

            Assert.Equal(allocationBefore, ledger.AllocationMatrix.ToArray()); // the caller's ledger is untouched
        }));
    }

    [Fact]
    public void Recover_AnyState_VictimsDeadlockedCheapestAndTerminateOneKillsNoMoreThanTerminateAll()
    {
        Check.One(Config, Prop.ForAll(LedgerGen.Arbitrary(), spec =>
        {
            ResourceLedger ledger = ResourceLedger.FromSpec(spec);
            RecoveryResult all = DeadlockRecovery.Recover(ledger, RecoveryStrategy.TerminateAll);
            RecoveryResult one = DeadlockRecovery.Recover(ledger, RecoveryStrategy.TerminateOne);
            RecoveryResult preempt = DeadlockRecovery.Recover(ledger, RecoveryStrategy.Preempt);

            Assert.Equal(all.InitiallyDeadlocked, all.Terminated.Order());
            Assert.True(one.Terminated.Count <= all.Terminated.Count);
            Assert.True(preempt.Terminated.Count <= all.Terminated.Count);
            Assert.Equal(all.InitiallyDeadlocked.Count > 0, one.Steps.Count > 0);
            foreach (RecoveryStep step in one.Steps.Concat(preempt.Steps))
            {
                Assert.Contains(step.Victim, step.DeadlockedBefore);
                Assert.All(step.Candidates, c => Assert.Contains(c.Process, step.DeadlockedBefore));
                Assert.Equal(step.Candidates.Min(c => c.Total), step.Cost.Total);
                Assert.Equal(step.Candidates.First(c => c.Total == step.Cost.Total).Process, step.Victim); // ties: process order
                Assert.Subset(step.DeadlockedBefore.ToHashSet(), step.DeadlockedAfter.ToHashSet());
                if (step.Action == RecoveryAction.Preempt)
                {
                    Assert.All(step.Candidates, c => Assert.True(c.Held > 0)); // never a victim with nothing to give
                    Assert.True(step.Released.Sum() > 0);
                }
                else
                {
                    Assert.Equal(step.DeadlockedBefore, step.Candidates.Select(c => c.Process));
                }
            }
        }));
    }

    [Fact]
    public void LedgerGen_RandomStates_OftenDeadlockSometimesSeveralVictims()
    {
        LedgerSpec[] sample = [.. LedgerGen.Spec().Sample(size: 20, numberOfSamples: 500)];
        RecoveryResult[] results = [.. sample.Select(s => DeadlockRecovery.Recover(ResourceLedger.FromSpec(s), RecoveryStrategy.TerminateOne))];

        Assert.True(results.Count(r => r.Steps.Count > 0) > 50, $"{results.Count(r => r.Steps.Count > 0)} deadlocked, {results.Count(r => r.Steps.Count > 1)} with 2+ steps");
        Assert.Contains(results, r => r.Steps.Count > 1);
        Assert.Contains(sample, s => DeadlockRecovery.Recover(ResourceLedger.FromSpec(s), RecoveryStrategy.Preempt).Steps.Any(st => st.Action == RecoveryAction.Terminate));
    }
}
