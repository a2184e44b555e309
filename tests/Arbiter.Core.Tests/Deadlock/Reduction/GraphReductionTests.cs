using Arbiter.Core.Deadlock.Reduction;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Reduction;

public class GraphReductionTests
{
    [Fact]
    public void Reduce_AnyState_MatchesTextbook()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(StateGenerators.Any.ToArbitrary(), s =>
        {
            ReductionResult expected = TextbookReduction.Reduce(s.Available, s.Allocation, s.Demand, s.N);
            ReductionResult actual = GraphReduction.Reduce(s.Available, s.Allocation, s.Demand, s.N);
            return expected.Order.SequenceEqual(actual.Order) && expected.Unfinished.SequenceEqual(actual.Unfinished);
        }));

    [Fact]
    public void Explain_AnyState_StepsReplayTheCanonicalOrder()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(StateGenerators.Any.ToArbitrary(), s =>
        {
            ReductionResult canonical = TextbookReduction.Reduce(s.Available, s.Allocation, s.Demand, s.N);
            ReductionExplanation explanation = GraphReduction.Explain(s.Available, s.Allocation, s.Demand, s.N);
            if (!explanation.Steps.Select(step => step.Process).SequenceEqual(canonical.Order)
                || !explanation.Stuck.SequenceEqual(canonical.Unfinished))
            {
                return false;
            }

            // Independently recompute Work along the steps: starts at Available, each step's demand fits its
            // Work before, Work after = before + allocation, and the final Work is the last Work after.
            long[] work = s.Available.Select(x => (long)x).ToArray();
            foreach (ReductionStep step in explanation.Steps)
            {
                int p = step.Process;
                if (!step.WorkBefore.SequenceEqual(work)
                    || !step.Demand.SequenceEqual(s.Demand.Skip(p * s.M).Take(s.M))
                    || step.Demand.Zip(work).Any(x => x.First > x.Second))
                {
                    return false;
                }

                for (int r = 0; r < s.M; r++)
                {
                    work[r] += s.Allocation[(p * s.M) + r];
                }

                if (!step.WorkAfter.SequenceEqual(work))
                {
                    return false;
                }
            }

            // Every stuck process is short somewhere even with the final Work.
            return explanation.FinalWork.SequenceEqual(work)
                && explanation.Stuck.All(p => Enumerable.Range(0, s.M).Any(r => s.Demand[(p * s.M) + r] > work[r]));
        }));

    [Fact]
    public void Explain_SeedBankerExample_ShowsWorkGrowingStepByStep()
    {
        // Week 4: 10 instances; P0 max 7 alloc 0, P1 max 5 alloc 2, P2 max 3 alloc 2; Available 6, Need (7, 3, 1).
        // Pass 1: P0 needs 7 > 6; P1 needs 3 ≤ 6 → Work 8; P2 needs 1 ≤ 8 → Work 10. Pass 2: P0 needs 7 ≤ 10 → 10.
        ReductionExplanation e = GraphReduction.Explain([6], [0, 2, 2], [7, 3, 1], 3);

        Assert.Equal([1, 2, 0], e.Steps.Select(s => s.Process));
        Assert.Equal([6L], e.Steps[0].WorkBefore);
        Assert.Equal([8L], e.Steps[0].WorkAfter);
        Assert.Equal([3], e.Steps[0].Demand);
        Assert.Equal([10L], e.Steps[1].WorkAfter);
        Assert.Equal([10L], e.Steps[2].WorkAfter);
        Assert.Equal([10L], e.FinalWork);
        Assert.True(e.AllFinish);
    }
}
