using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using Arbiter.Core.Tests.Deadlock.Reduction;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Avoidance;

public class BankerTests
{
    private static readonly Gen<(ResourceLedger Ledger, int Process, int[] Request)> RequestCases =
        from ledger in StateGenerators.Ledger(1, 8)
        from process in Gen.Choose(0, ledger.ProcessCount - 1)
        from request in Gen.ArrayOf(Gen.Choose(0, 4), ledger.ResourceCount)
        select (ledger, process, request);

    [Fact]
    public void CheckSafety_RandomLedgers_SafeIffSomePermutationReplaysSafely()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), Prop.ForAll(StateGenerators.Ledger(0, 6).ToArbitrary(), ledger =>
        {
            SafetyResult result = Banker.CheckSafety(ledger);
            bool bruteForceSafe = Oracles.Permutations(ledger.ProcessCount).Any(order => Oracles.ReplaysSafely(ledger, order));
            return result.Safe == bruteForceSafe
                && (!result.Safe || (result.Sequence.Count == ledger.ProcessCount && Oracles.ReplaysSafely(ledger, result.Sequence)))
                && result.Sequence.Concat(result.Unfinished).Order().SequenceEqual(Enumerable.Range(0, ledger.ProcessCount));
        }));

    [Fact]
    public void Request_RandomRequests_MatchesReferenceAndLeavesLedgerUnchanged()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(RequestCases.ToArbitrary(), c =>
        {
            var (ledger, p, request) = c;
            LedgerSpec before = ledger.ToSpec();
            RequestDecision decision = Banker.Request(ledger, p, request);

            // Reference: the textbook steps on a cloned ledger, with the textbook scan as the safety check.
            RequestOutcome expected;
            if (request.Where((x, r) => x > ledger.Need(p, r)).Any())
            {
                expected = RequestOutcome.ExceedsClaim;
            }
            else if (request.Where((x, r) => x > ledger.Available[r]).Any())
            {
                expected = RequestOutcome.ExceedsAvailable;
            }
            else
            {
                ResourceLedger granted = ledger.Clone();
                granted.Grant(p, request);
                ReductionResult reference = TextbookReduction.Reduce(granted.Available, granted.AllocationMatrix, granted.NeedMatrix(), granted.ProcessCount);
                expected = reference.AllFinish ? RequestOutcome.Granted : RequestOutcome.Unsafe;
                if (expected == RequestOutcome.Granted && !reference.Order.SequenceEqual(decision.SafeSequence))
                {
                    return false;
                }

                if (expected == RequestOutcome.Unsafe && !reference.Unfinished.SequenceEqual(decision.Unfinished))
                {
                    return false;
                }
            }

            return decision.Outcome == expected && SameState(before, ledger.ToSpec());
        }));

    [Fact]
    public void CheckSafety_ProcessWithoutDeclaredMax_ThrowsNamingIt()
    {
        ResourceLedger ledger = ResourceLedger.FromSpec(new LedgerSpec(["R"], [5], null,
            [new ProcessSpec("web", [1], [3]), new ProcessSpec("batch", [1], null)]));

        var error = Assert.Throws<UndeclaredClaimException>(() => Banker.CheckSafety(ledger));

        Assert.Equal("batch", error.ProcessName);
        Assert.Equal(1, error.ProcessIndex);
        Assert.Contains("'batch'", error.Message, StringComparison.Ordinal);
        Assert.Throws<UndeclaredClaimException>(() => Banker.Request(ledger, 0, [1]));
        Assert.Throws<UndeclaredClaimException>(() => new BankersAdmission(ledger));
        Assert.Throws<UndeclaredClaimException>(() => SafeSequences.Count(ledger));
    }

    [Fact]
    public void Request_BadArguments_Throw()
    {
        ResourceLedger ledger = Oracles.SingleType(10, (0, 7), (2, 5));

        Assert.Throws<ArgumentOutOfRangeException>(() => Banker.Request(ledger, 2, [1]));
        Assert.Throws<ArgumentException>(() => Banker.Request(ledger, 0, [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Banker.Request(ledger, 0, [-1]));
    }

    [Theory]
    [InlineData(RequestOutcome.Granted, "safe")]
    [InlineData(RequestOutcome.ExceedsAvailable, "exceeds-available")]
    [InlineData(RequestOutcome.Unsafe, "unsafe")]
    [InlineData(RequestOutcome.ExceedsClaim, "exceeds-claim")]
    public void Reason_EachOutcome_IsItsKebabCaseString(RequestOutcome outcome, string reason)
    {
        Assert.Equal(reason, outcome.Reason());
        Assert.Equal(reason, new RequestDecision(outcome, [], []).Reason);
    }

    private static bool SameState(LedgerSpec a, LedgerSpec b)
        => a.Available!.SequenceEqual(b.Available!)
        && a.Processes.Zip(b.Processes).All(x =>
            x.First.Allocation!.SequenceEqual(x.Second.Allocation!)
            && x.First.Max!.SequenceEqual(x.Second.Max!)
            && x.First.Request!.SequenceEqual(x.Second.Request!));
}
