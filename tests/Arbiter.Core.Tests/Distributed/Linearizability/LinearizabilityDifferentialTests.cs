using Arbiter.Core.Distributed.Linearizability;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Distributed.Linearizability;

/// <summary>
/// The checker against <see cref="TextbookLinearizability"/> on thousands of small random histories (≤ 8 operations,
/// 1–2 keys, unknown and failed outcomes), and every linearization or evidence it returns checked independently.
/// </summary>
public class LinearizabilityDifferentialTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(3000);

    [Fact]
    public void Check_HistoriesOfACorrectStore_LinearizableWithValidOrder()
    {
        Check.One(Config, Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var history = RandomKvHistory.Linearizable(new Random(seed));

            var result = LinearizabilityChecker.Check(history);

            Assert.True(TextbookLinearizability.IsLinearizable(history), "generator made a non-linearizable history");
            Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
            Assert.All(result.Keys, k => LinearizationValidator.AssertLinearization(history, k));
        }));
    }

    [Fact]
    public void Check_OneOutputCorrupted_AgreesWithBruteForce()
    {
        int violations = 0, total = 0;
        Check.One(Config, Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var random = new Random(seed);
            var history = RandomKvHistory.Corrupt(random, RandomKvHistory.Linearizable(random));

            var result = LinearizabilityChecker.Check(history);

            bool expected = TextbookLinearizability.IsLinearizable(history);
            Assert.Equal(expected ? LinearizabilityVerdict.Linearizable : LinearizabilityVerdict.NotLinearizable, result.Verdict);
            foreach (KeyResult key in result.Keys)
            {
                if (key.Verdict == LinearizabilityVerdict.Linearizable)
                {
                    LinearizationValidator.AssertLinearization(history, key);
                }
                else
                {
                    LinearizationValidator.AssertEvidence(history, key);
                }
            }

            total++;
            violations += expected ? 0 : 1;
        }));

        // The corruption must actually produce violations often, or the agreement above proves little.
        Assert.InRange(violations, total / 5, total);
    }

    [Fact]
    public void Check_RandomHistoriesWithMoreKeys_AgreesWithBruteForce()
    {
        // Independent of the generator's construction: arbitrary outputs, so most are not linearizable.
        Check.One(Config.WithMaxTest(1500), Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var random = new Random(seed);
            var history = RandomKvHistory.Linearizable(random, maxOps: 7, maxKeys: 2);
            for (int i = 0; i < 2; i++)
            {
                history = RandomKvHistory.Corrupt(random, history);
            }

            Assert.Equal(TextbookLinearizability.IsLinearizable(history), LinearizabilityChecker.Check(history).Verdict == LinearizabilityVerdict.Linearizable);
        }));
    }

    [Fact]
    public void WriteThenRead_RandomHistories_RoundTrip()
    {
        Check.One(Config, Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var history = RandomKvHistory.Corrupt(new Random(seed), RandomKvHistory.Linearizable(new Random(seed)));

            var read = HistoryReader.Parse(HistoryWriter.Format(history), "h.jsonl");

            Assert.Equal(history, read.Select(o => o with { Line = 0 }));
            Assert.Equal(Enumerable.Range(1, history.Count), read.Select(o => o.Line));
        }));
    }
}
