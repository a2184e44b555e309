using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Resources;
using Arbiter.Core.Tests.Deadlock.Reduction;

namespace Arbiter.Core.Tests.Deadlock.Avoidance;

/// <summary>The seeds' Banker's examples (week 4) and Silberschatz's classic one, worked by hand in the comments.</summary>
public class SeedExampleTests
{
    /// <summary>
    /// Silberschatz §8.6.3.3: totals A=10, B=5, C=7; Available (3,3,2).
    /// Allocation P0 (0,1,0) P1 (2,0,0) P2 (3,0,2) P3 (2,1,1) P4 (0,0,2);
    /// Max P0 (7,5,3) P1 (3,2,2) P2 (9,0,2) P3 (2,2,2) P4 (4,3,3);
    /// Need P0 (7,4,3) P1 (1,2,2) P2 (6,0,0) P3 (0,1,1) P4 (4,3,1).
    /// </summary>
    public static ResourceLedger Silberschatz() => ResourceLedger.FromSpec(new LedgerSpec(["A", "B", "C"], [10, 5, 7], [3, 3, 2],
    [
        new ProcessSpec("P0", [0, 1, 0], [7, 5, 3]),
        new ProcessSpec("P1", [2, 0, 0], [3, 2, 2]),
        new ProcessSpec("P2", [3, 0, 2], [9, 0, 2]),
        new ProcessSpec("P3", [2, 1, 1], [2, 2, 2]),
        new ProcessSpec("P4", [0, 0, 2], [4, 3, 3]),
    ]));

    // Week 4 example: 10 instances; P0 max 7 alloc 0, P1 max 5 alloc 2, P2 max 3 alloc 2.
    private static ResourceLedger Week4Example() => Oracles.SingleType(10, (0, 7), (2, 5), (2, 3));

    // Week 4 exercise: 12 instances; P0 alloc 5 max 10, P1 alloc 2 max 4, P2 alloc 2 max 9.
    private static ResourceLedger Week4Exercise() => Oracles.SingleType(12, (5, 10), (2, 4), (2, 9));

    [Fact]
    public void CheckSafety_Week4Example_SafeInPassOrder()
    {
        // Available = 10 − (0+2+2) = 6; Need = (7, 3, 1).
        // Pass 1: P0 7 > 6 no; P1 3 ≤ 6 → Work 8; P2 1 ≤ 8 → Work 10. Pass 2: P0 7 ≤ 10 → Work 10.
        SafetyResult result = Banker.CheckSafety(Week4Example());

        Assert.True(result.Safe);
        Assert.Equal([1, 2, 0], result.Sequence);
        Assert.Empty(result.Unfinished);
    }

    [Fact]
    public void Week4Example_SeedSequenceP2P1P0_ReplaysAsSafe()
    {
        // The seed's own sequence: P2 needs 1 ≤ 6 → 8; P1 needs 3 ≤ 8 → 10; P0 needs 7 ≤ 10 → 10.
        Assert.True(Oracles.ReplaysSafely(Week4Example(), [2, 1, 0]));
        Assert.Contains(SafeSequences.Enumerate(Week4Example(), 10), s => s.SequenceEqual([2, 1, 0]));
    }

    [Fact]
    public void SafeSequences_Week4Example_FourByHand()
    {
        // Work 6: P0 (needs 7) cannot go first; P1 (3) and P2 (1) can.
        //   P1 first → Work 8: P0 (7 ≤ 8) or P2 (1) next, and the last one fits too → (P1,P0,P2), (P1,P2,P0).
        //   P2 first → Work 8: P0 (7 ≤ 8) or P1 (3) next, then the last → (P2,P0,P1), (P2,P1,P0).
        // So 4 safe sequences out of 3! = 6 (the two starting with P0 are not).
        Assert.Equal(4, SafeSequences.Count(Week4Example()));
        Assert.Equal(
            [[1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]],
            SafeSequences.Enumerate(Week4Example(), 100).Select(s => s.ToArray()));
    }

    [Fact]
    public void CheckSafety_Week4Exercise_SafeWithP1P0P2()
    {
        // Available = 12 − (5+2+2) = 3; Need = (5, 2, 7).
        // Pass 1: P0 5 > 3 no; P1 2 ≤ 3 → Work 5; P2 7 > 5 no. Pass 2: P0 5 ≤ 5 → Work 10; P2 7 ≤ 10 → Work 12.
        // It is also the only safe sequence: at Work 3 only P1 fits, at Work 5 only P0, then P2.
        SafetyResult result = Banker.CheckSafety(Week4Exercise());

        Assert.True(result.Safe);
        Assert.Equal([1, 0, 2], result.Sequence);
        Assert.Equal(1, SafeSequences.Count(Week4Exercise()));
    }

    [Fact]
    public void Request_Week4ExerciseP1AsksOneMore_Granted()
    {
        // P1 asks 1: 1 ≤ Need 2 and 1 ≤ Available 3. Pretend: Available 2, P1 holds 3, Need (5, 1, 7).
        // Pass 1: P0 5 > 2 no; P1 1 ≤ 2 → Work 5; P2 7 > 5 no. Pass 2: P0 5 ≤ 5 → 10; P2 7 ≤ 10 → 12. Safe.
        ResourceLedger ledger = Week4Exercise();
        RequestDecision decision = Banker.Request(ledger, 1, [1]);

        Assert.Equal(RequestOutcome.Granted, decision.Outcome);
        Assert.Equal("safe", decision.Reason);
        Assert.Equal([1, 0, 2], decision.SafeSequence);
        Assert.Equal(3, ledger.Available[0]); // evaluated, not applied
    }

    [Fact]
    public void CheckSafety_Silberschatz_SafeInPassOrder()
    {
        // Pass 1 from Work (3,3,2): P0 (7,4,3) no; P1 (1,2,2) → (5,3,2); P2 (6,0,0) no; P3 (0,1,1) → (7,4,3);
        // P4 (4,3,1) → (7,4,5). Pass 2: P0 (7,4,3) → (7,5,5); P2 (6,0,0) → (10,5,7).
        // (The book lists <P1, P3, P4, P2, P0>, also safe: after P4, Work (7,4,5) covers P2's (6,0,0).)
        SafetyResult result = Banker.CheckSafety(Silberschatz());

        Assert.True(result.Safe);
        Assert.Equal([1, 3, 4, 0, 2], result.Sequence);
        Assert.True(Oracles.ReplaysSafely(Silberschatz(), [1, 3, 4, 2, 0]));
    }

    [Fact]
    public void Request_SilberschatzSequence_GrantedThenExceedsAvailableThenUnsafe()
    {
        var admission = new BankersAdmission(Silberschatz());

        // P1 asks (1,0,2) ≤ Need (1,2,2) and ≤ Available (3,3,2). Pretend: Available (2,3,0), P1 holds (3,0,2),
        // Need (0,2,0). Pass 1: P0 no; P1 (0,2,0) → (5,3,2); P2 no; P3 (0,1,1) → (7,4,3); P4 (4,3,1) → (7,4,5);
        // pass 2: P0 → (7,5,5); P2 → (10,5,7). Safe: granted.
        RequestDecision p1 = Banker.Request(admission.Ledger, 1, [1, 0, 2]);
        Assert.Equal(RequestOutcome.Granted, p1.Outcome);
        Assert.Equal([1, 3, 4, 0, 2], p1.SafeSequence);
        Assert.Equal(RequestOutcome.Granted, admission.TryRequest(1, [1, 0, 2]));

        // Then P4 asks (3,3,0): within its Need (4,3,1) but A: 3 > Available 2 → must wait.
        RequestDecision p4 = Banker.Request(admission.Ledger, 4, [3, 3, 0]);
        Assert.Equal(RequestOutcome.ExceedsAvailable, p4.Outcome);
        Assert.Equal("exceeds-available", p4.Reason);
        Assert.Equal(RequestOutcome.ExceedsAvailable, admission.TryRequest(4, [3, 3, 0]));

        // Then P0 asks (0,2,0): within Need (7,4,3) and Available (2,3,0). Pretend: Available (2,1,0), P0 holds
        // (0,3,0), Need (7,2,3). Nobody fits: P0 (7,2,3), P1 (0,2,0) B 2 > 1, P2 (6,0,0), P3 (0,1,1) C 1 > 0,
        // P4 (4,3,1). Unsafe, all five unfinished.
        RequestDecision p0 = Banker.Request(admission.Ledger, 0, [0, 2, 0]);
        Assert.Equal(RequestOutcome.Unsafe, p0.Outcome);
        Assert.Equal("unsafe", p0.Reason);
        Assert.Equal([0, 1, 2, 3, 4], p0.Unfinished);
        Assert.Equal(RequestOutcome.Unsafe, admission.TryRequest(0, [0, 2, 0]));
    }

    [Fact]
    public void Request_BeyondNeed_ExceedsClaim()
    {
        // Silberschatz P3 still needs (0,1,1); asking (1,0,0) is more than it declared.
        RequestDecision decision = Banker.Request(Silberschatz(), 3, [1, 0, 0]);

        Assert.Equal(RequestOutcome.ExceedsClaim, decision.Outcome);
        Assert.Equal("exceeds-claim", decision.Reason);
    }
}
