using Arbiter.Core.Deadlock.Detection;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using Arbiter.Core.Tests.Deadlock.Reduction;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Detection;

public class DeadlockDetectorTests
{
    [Fact]
    public void Detect_RandomLedgers_MatchesTextbookByRequest()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(StateGenerators.Ledger(0, 30).ToArbitrary(), ledger =>
        {
            ReductionResult reference = TextbookReduction.Reduce(ledger.Available, ledger.AllocationMatrix, ledger.RequestMatrix, ledger.ProcessCount);
            DetectionResult result = DeadlockDetector.Detect(ledger);
            return result.FinishOrder.SequenceEqual(reference.Order) && result.Deadlocked.SequenceEqual(reference.Unfinished);
        }));

    [Fact]
    public void Detect_RandomLedgers_DeadlockedIffNotEverybodyFinishesAndNoneCouldEverBeServed()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(StateGenerators.Ledger(0, 30).ToArbitrary(), ledger =>
        {
            DetectionResult result = DeadlockDetector.Detect(ledger);
            int n = ledger.ProcessCount, m = ledger.ResourceCount;
            bool partition = result.FinishOrder.Concat(result.Deadlocked).Order().SequenceEqual(Enumerable.Range(0, n));

            // Even after every non-deadlocked process releases all it holds, each deadlocked one is short somewhere.
            long[] afterReleases = Enumerable.Range(0, m)
                .Select(r => ledger.Available[r] + result.FinishOrder.Sum(p => (long)ledger.Allocation(p)[r])).ToArray();
            bool stuck = result.Deadlocked.All(d => Enumerable.Range(0, m).Any(r => ledger.Request(d)[r] > afterReleases[r]));

            return partition && stuck && (result.HasDeadlock == (result.FinishOrder.Count < n));
        }));

    [Fact]
    public void Detect_ProcessesListedInAnotherOrder_SameDeadlockedSet()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(
            (from ledger in StateGenerators.Ledger(1, 12)
             from perm in Gen.Shuffle(Enumerable.Range(0, ledger.ProcessCount).ToArray())
             select (ledger, perm)).ToArbitrary(),
            c =>
            {
                // Holt: reduction is confluent, so the deadlocked set does not depend on the order of the scan.
                LedgerSpec spec = c.ledger.ToSpec();
                ResourceLedger permuted = ResourceLedger.FromSpec(spec with { Processes = c.perm.Select(i => spec.Processes[i]).ToArray() });
                var original = DeadlockDetector.Detect(c.ledger).Deadlocked.Select(c.ledger.ProcessName).Order(StringComparer.Ordinal);
                var shuffled = DeadlockDetector.Detect(permuted).Deadlocked.Select(permuted.ProcessName).Order(StringComparer.Ordinal);
                return original.SequenceEqual(shuffled);
            }));

    [Fact]
    public void Detect_Week5Example_NobodyIsDeadlockedContraryToTheSeed()
    {
        // Available (3,3,2). Alloc/Request: P0 (0,1,0)/0; P1 (2,0,0)/(2,0,2); P2 (3,0,2)/0; P3 (2,1,1)/(1,0,0).
        // The seed says P1 and P3 are deadlocked, claiming Work (6,4,4) satisfies neither; but (2,0,2) ≤ (6,4,4)
        // and (1,0,0) ≤ (6,4,4), so both can finish. Pass 1: P0 → (3,4,2); P1 (2,0,2) ≤ (3,4,2) → (5,4,2);
        // P2 → (8,4,4); P3 (1,0,0) → (10,5,5). No deadlock.
        ResourceLedger ledger = ResourceLedger.FromSpec(new LedgerSpec(["A", "B", "C"], null, [3, 3, 2],
        [
            new ProcessSpec("P0", [0, 1, 0], Request: [0, 0, 0]),
            new ProcessSpec("P1", [2, 0, 0], Request: [2, 0, 2]),
            new ProcessSpec("P2", [3, 0, 2], Request: [0, 0, 0]),
            new ProcessSpec("P3", [2, 1, 1], Request: [1, 0, 0]),
        ]));

        DetectionResult result = DeadlockDetector.Detect(ledger);

        Assert.False(result.HasDeadlock);
        Assert.Equal([0, 1, 2, 3], result.FinishOrder);
        Assert.Equal([10L, 5, 5], GraphReduction.ExplainByRequest(ledger).FinalWork);
    }

    [Fact]
    public void Detect_Week5Exercise_NoDeadlock()
    {
        // Available A=2, B=1, C=0. P1 alloc (1,0,1) req (0,1,0); P2 alloc (1,1,0) req (0,0,1);
        // P3 alloc (0,1,0) req (2,0,0). Pass 1: P1 (0,1,0) ≤ (2,1,0) → (3,1,1); P2 (0,0,1) ≤ (3,1,1) → (4,2,1);
        // P3 (2,0,0) ≤ (4,2,1) → (4,3,1). Everybody finishes: no deadlock, order P1, P2, P3.
        ResourceLedger ledger = ResourceLedger.FromSpec(new LedgerSpec(["A", "B", "C"], null, [2, 1, 0],
        [
            new ProcessSpec("P1", [1, 0, 1], Request: [0, 1, 0]),
            new ProcessSpec("P2", [1, 1, 0], Request: [0, 0, 1]),
            new ProcessSpec("P3", [0, 1, 0], Request: [2, 0, 0]),
        ]));

        DetectionResult result = DeadlockDetector.Detect(ledger);

        Assert.False(result.HasDeadlock);
        Assert.Equal([0, 1, 2], result.FinishOrder);
    }

    [Fact]
    public void Detect_Week5ExampleWithP2AlsoRequesting_DeadlocksP1P2P3()
    {
        // Silberschatz's variant: as the seed's table but P2 requests (0,0,1) and Available is (0,0,0).
        // P0 requests nothing → Work (0,1,0); P1 (2,0,2), P2 (0,0,1), P3 (1,0,0) all exceed it: P1, P2, P3 deadlocked.
        ResourceLedger ledger = ResourceLedger.FromSpec(new LedgerSpec(["A", "B", "C"], null, [0, 0, 0],
        [
            new ProcessSpec("P0", [0, 1, 0], Request: [0, 0, 0]),
            new ProcessSpec("P1", [2, 0, 0], Request: [2, 0, 2]),
            new ProcessSpec("P2", [3, 0, 3], Request: [0, 0, 1]),
            new ProcessSpec("P3", [2, 1, 1], Request: [1, 0, 0]),
        ]));

        DetectionResult result = DeadlockDetector.Detect(ledger);

        Assert.True(result.HasDeadlock);
        Assert.Equal([0], result.FinishOrder);
        Assert.Equal([1, 2, 3], result.Deadlocked);
    }
}
