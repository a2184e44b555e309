using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Resources;
using Arbiter.Core.Tests.Deadlock.Reduction;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Avoidance;

public class SafeSequencesTests
{
    [Fact]
    public void Count_RandomLedgersUpTo7Processes_EqualsBruteForcePermutationCount()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(StateGenerators.Ledger(0, 7).ToArbitrary(), ledger =>
            SafeSequences.Count(ledger) == Oracles.SafeSequencesByBruteForce(ledger).Count));

    [Fact]
    public void Enumerate_RandomLedgers_ListsTheBruteForceSequencesInLexicographicOrder()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(
            (from ledger in StateGenerators.Ledger(0, 6) from limit in Gen.Choose(0, 50) select (ledger, limit)).ToArbitrary(),
            c =>
            {
                var expected = Oracles.SafeSequencesByBruteForce(c.ledger).Take(c.limit).ToList();
                var actual = SafeSequences.Enumerate(c.ledger, c.limit);
                return actual.Count == expected.Count
                    && actual.Zip(expected).All(x => x.First.SequenceEqual(x.Second))
                    && actual.All(s => Oracles.ReplaysSafely(c.ledger, s));
            }));

    [Fact]
    public void Count_TwentyIndependentProcesses_IsTwentyFactorial()
    {
        // Every process needs nothing more (max = allocation), so every one of the 20! orders is safe.
        ResourceLedger ledger = Oracles.SingleType(40, Enumerable.Repeat((1, 1), 20).ToArray());

        Assert.Equal(2_432_902_008_176_640_000L, SafeSequences.Count(ledger));
        Assert.Equal([Enumerable.Range(0, 20).ToArray()], SafeSequences.Enumerate(ledger, 1));
    }

    [Fact]
    public void Count_MoreThanTwentyProcesses_ThrowsClearly()
    {
        ResourceLedger ledger = Oracles.SingleType(40, Enumerable.Repeat((1, 1), 21).ToArray());

        var error = Assert.Throws<ArgumentException>(() => SafeSequences.Count(ledger));
        Assert.Contains("at most 20 processes", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SafeSequences.Enumerate(Oracles.SingleType(4, (1, 1)), -1));
    }

    [Fact]
    public void Count_UnsafeState_IsZeroAndEnumeratesNothing()
    {
        // 4 instances, both hold 2 and need 2 more: Available 0 and nobody can start.
        ResourceLedger ledger = Oracles.SingleType(4, (2, 4), (2, 4));

        Assert.Equal(0, SafeSequences.Count(ledger));
        Assert.Empty(SafeSequences.Enumerate(ledger, 10));
    }
}
