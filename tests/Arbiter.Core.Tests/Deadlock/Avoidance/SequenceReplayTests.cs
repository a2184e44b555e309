using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Tests.Deadlock.Avoidance;

public class SequenceReplayTests
{
    // Seed week 4: 10 instances; P0 max 7 holds 0, P1 max 5 holds 2, P2 max 3 holds 2 → Available 6, Need (7, 3, 1).
    private static ResourceLedger SeedLedger() => ResourceLedger.FromSpec(new LedgerSpec(["R"], [10], null,
    [
        new ProcessSpec("P0", Allocation: [0], Max: [7]),
        new ProcessSpec("P1", Allocation: [2], Max: [5]),
        new ProcessSpec("P2", Allocation: [2], Max: [3]),
    ]));

    [Fact]
    public void IsSafe_SeedsSequenceP2P1P0_IsSafe()
    {
        // Work 6 ≥ 1 (P2) → 8 ≥ 3 (P1) → 10 ≥ 7 (P0).
        Assert.True(SequenceReplay.IsSafe(SeedLedger(), [2, 1, 0]));
    }

    [Fact]
    public void FirstFailure_P0First_FailsAtPositionZero()
    {
        // P0 needs 7 but only 6 are available.
        Assert.Equal(0, SequenceReplay.FirstFailure(SeedLedger(), [0, 1, 2]));
    }

    [Theory]
    [InlineData(new[] { 2, 1 })]
    [InlineData(new[] { 2, 2, 1 })]
    [InlineData(new[] { 2, 1, 7 })]
    public void FirstFailure_IncompleteOrRepeatedOrUnknown_IsNotSafe(int[] sequence)
    {
        Assert.False(SequenceReplay.IsSafe(SeedLedger(), sequence));
    }

    [Fact]
    public void IsSafe_EveryEnumeratedSafeSequence_ReplaysAndNoOtherPermutationDoes()
    {
        var ledger = SeedLedger();
        var enumerated = SafeSequences.Enumerate(ledger, 100).Select(s => string.Join(",", s)).ToHashSet();
        int[][] permutations = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

        foreach (var permutation in permutations)
        {
            Assert.Equal(enumerated.Contains(string.Join(",", permutation)), SequenceReplay.IsSafe(ledger, permutation));
        }

        Assert.Equal(4, enumerated.Count);
    }
}
