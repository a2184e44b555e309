using Arbiter.Sync.Labs;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Sync.Tests.Labs;

public class FairnessBypassTests
{
    [Fact]
    public void Compute_ServedInRequestOrder_NobodyIsBypassed()
    {
        Assert.Equal([0, 0, 0, 0], FairnessBypass.Compute([1, 2, 3, 4], [10, 20, 30, 40]));
    }

    [Fact]
    public void Compute_FirstRequestServedLast_BypassedByEveryLaterOne()
    {
        // Request 1 asked first but was granted last: requests 2, 3 and 4 overtook it.
        Assert.Equal([3, 0, 0, 0], FairnessBypass.Compute([1, 2, 3, 4], [4, 1, 2, 3]));
    }

    [Fact]
    public void Compute_ServedInReverse_EachBypassedByAllLaterRequests()
    {
        Assert.Equal([3, 2, 1, 0], FairnessBypass.Compute([5, 6, 7, 8], [9, 7, 3, 1]));
        Assert.Equal(3, FairnessBypass.Max([5, 6, 7, 8], [9, 7, 3, 1]));
    }

    [Fact]
    public void Compute_BadInput_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => FairnessBypass.Compute([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => FairnessBypass.Compute([1, 1], [1, 2]));
        Assert.Throws<ArgumentException>(() => FairnessBypass.Compute([1, 2], [3, 3]));
        Assert.Empty(FairnessBypass.Compute([], []));
        Assert.Equal(0, FairnessBypass.Max([], []));
    }

    [Fact]
    public void Compute_RandomLogs_MatchesTheQuadraticDefinition()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Logs().ToArbitrary(), log =>
        {
            var (requests, grants) = log;
            return FairnessBypass.Compute(requests, grants).SequenceEqual(Reference(requests, grants));
        }));

    /// <summary>Distinct request and grant numbers (as the experiment draws them), in random order, 0–60 requests.</summary>
    private static Gen<(long[] Requests, long[] Grants)> Logs() =>
        from n in Gen.Choose(0, 60)
        from requests in Gen.Shuffle(Enumerable.Range(0, n).Select(i => (long)i * 3 + 1).ToArray())
        from grants in Gen.Shuffle(Enumerable.Range(0, n).Select(i => (long)i * 7 + 2).ToArray())
        select (requests, grants);

    /// <summary>The definition, literally: later requests served earlier.</summary>
    private static int[] Reference(long[] requests, long[] grants) =>
        Enumerable.Range(0, requests.Length)
            .Select(r => Enumerable.Range(0, requests.Length).Count(q => requests[q] > requests[r] && grants[q] < grants[r]))
            .ToArray();
}
