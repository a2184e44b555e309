using Arbiter.Core.Deadlock.Reduction;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Reduction;

public class HoltReductionTests
{
    private static bool SameAsTextbook(ReductionState s)
    {
        ReductionResult expected = TextbookReduction.Reduce(s.Available, s.Allocation, s.Demand, s.N);
        ReductionResult actual = HoltReduction.Reduce(s.Available, s.Allocation, s.Demand, s.N);
        return expected.Order.SequenceEqual(actual.Order) && expected.Unfinished.SequenceEqual(actual.Unfinished);
    }

    [Fact]
    public void Reduce_RandomSmallStates_MatchesTextbookOrderAndUnfinished()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(4000), Prop.ForAll(StateGenerators.Small.ToArbitrary(), SameAsTextbook));

    [Fact]
    public void Reduce_RandomMediumStates_MatchesTextbookOrderAndUnfinished()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), Prop.ForAll(StateGenerators.Medium.ToArbitrary(), SameAsTextbook));

    [Fact]
    public void Reduce_AdversarialChains_MatchesTextbookOrderAndUnfinished()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(StateGenerators.Chain.ToArbitrary(), SameAsTextbook));

    [Fact]
    public void ReduceByNeed_RandomStates_MatchesTextbookOnMaxMinusAllocation()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), Prop.ForAll(StateGenerators.Any.ToArbitrary(), s =>
        {
            // Read the generated demand as Need: Max = Allocation + Demand.
            int[] max = s.Allocation.Zip(s.Demand, (a, d) => a + d).ToArray();
            ReductionResult expected = TextbookReduction.Reduce(s.Available, s.Allocation, s.Demand, s.N);
            ReductionResult actual = HoltReduction.ReduceByNeed(s.Available, s.Allocation, max, s.N);
            return expected.Order.SequenceEqual(actual.Order) && expected.Unfinished.SequenceEqual(actual.Unfinished);
        }));

    [Fact]
    public void Reduce_ReverseChain_FinishesOnePerPassFromTheEnd()
    {
        // Each process holds 1 of the single type; process p demands n−1−p and Available is 0, so only the last
        // unfinished process ever fits: P(n−1) first, then P(n−2), ... (one finisher per textbook pass).
        const int n = 300;
        int[] allocation = Enumerable.Repeat(1, n).ToArray();
        int[] demand = Enumerable.Range(0, n).Select(p => n - 1 - p).ToArray();

        ReductionResult result = HoltReduction.Reduce([0], allocation, demand, n);

        Assert.Equal(Enumerable.Range(0, n).Reverse(), result.Order);
        Assert.Empty(result.Unfinished);
    }

    [Fact]
    public void Reduce_LaterPassesRevisitLowIndices_KeepsPassOrder()
    {
        // One type, Available 1. Pass 1: P0 needs 2 (no), P1 needs 1 (yes, Work 1→3), P2 needs 5 (no),
        // P3 needs 3 (yes, Work 3→4). Pass 2: P0 needs 2 (yes, Work 4→5), P2 needs 5 (yes, Work 5→6).
        int[] allocation = [1, 2, 1, 1];
        int[] demand = [2, 1, 5, 3];

        ReductionResult result = HoltReduction.Reduce([1], allocation, demand, 4);

        Assert.Equal([1, 3, 0, 2], result.Order);
        Assert.Empty(result.Unfinished);
    }

    [Fact]
    public void Reduce_NobodyFitsInitially_AllUnfinished()
    {
        ReductionResult result = HoltReduction.Reduce([1, 1], [1, 0, 0, 1], [2, 0, 0, 2], 2);

        Assert.Empty(result.Order);
        Assert.Equal([0, 1], result.Unfinished);
    }

    [Fact]
    public void Reduce_WrongMatrixSize_Throws()
        => Assert.Throws<ArgumentException>(() => HoltReduction.Reduce([1, 1], [1, 0, 0], [0, 0, 0, 0], 2));

    [Fact]
    public void Reduce_NoProcesses_EmptyResult()
    {
        ReductionResult result = HoltReduction.Reduce([3], [], [], 0);

        Assert.Empty(result.Order);
        Assert.True(result.AllFinish);
    }
}
