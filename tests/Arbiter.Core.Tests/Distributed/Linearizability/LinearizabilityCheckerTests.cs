using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Core.Tests.Distributed.Linearizability;

/// <summary>Hand-made textbook histories, each verdict worked out on paper (times are arbitrary units).</summary>
public class LinearizabilityCheckerTests
{
    private static LinearizabilityResult Check(params HistoryOperation[] history) => LinearizabilityChecker.Check(history);

    [Fact]
    public void Check_ReadOverlappingWrite_SeesNewValue_Linearizable()
    {
        // Herlihy & Wing's register picture: a read that overlaps a write may return the new value.
        var history = new[] { H.Put(1, "x", "0", 0, 5), H.Put(1, "x", "1", 10, 40), H.Get(2, "x", "1", 20, 30) };

        var result = LinearizabilityChecker.Check(history);

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        // The only order: put 0, put 1 (before the read's return), get.
        Assert.Equal([0, 1, 2], Assert.Single(result.Keys).Linearization);
    }

    [Fact]
    public void Check_ReadOverlappingWrite_SeesOldValue_Linearizable()
    {
        var result = Check(H.Put(1, "x", "0", 0, 5), H.Put(1, "x", "1", 10, 40), H.Get(2, "x", "0", 20, 30));

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        Assert.Equal([0, 2, 1], Assert.Single(result.Keys).Linearization);
    }

    [Fact]
    public void Check_StaleRead_NotLinearizableWithEvidence()
    {
        // put(x,1) was acknowledged at 10; a get called at 20 still reads "absent".
        var history = new[] { H.Put(1, "x", "1", 0, 10), H.Get(2, "x", null, 20, 30) };

        var result = LinearizabilityChecker.Check(history);

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        var evidence = Assert.Single(result.Keys).Violation!;
        Assert.Equal([0], evidence.LongestPrefix);
        Assert.Equal("1", evidence.ValueAfterPrefix);
        var stuck = Assert.Single(evidence.Stuck);
        Assert.Equal(1, stuck.Index);
        Assert.Equal("get returned absent but the value is \"1\"", stuck.Reason);
    }

    [Fact]
    public void Check_NewOldInversion_NotLinearizable()
    {
        // Lamport's regular-but-not-atomic register: during one long write, an earlier read sees the new value and
        // a later read (called after the first returned) sees the old one.
        var result = Check(H.Put(1, "x", "0", 0, 5), H.Put(1, "x", "1", 10, 100), H.Get(2, "x", "1", 20, 30), H.Get(3, "x", "0", 40, 50));

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        var evidence = Assert.Single(result.Keys).Violation!;
        // Longest prefix: put 0, put 1, get→1 (3 ops); then get→0 is refused.
        Assert.Equal([0, 1, 2], evidence.LongestPrefix);
        Assert.Equal(3, Assert.Single(evidence.Stuck).Index);
    }

    [Fact]
    public void Check_LostWriteAfterAckedPut_NotLinearizable()
    {
        var result = Check(H.Put(1, "x", "a", 0, 10), H.Put(2, "x", "b", 20, 30), H.Get(3, "x", "a", 40, 50));

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        var evidence = Assert.Single(result.Keys).Violation!;
        Assert.Equal([0, 1], evidence.LongestPrefix);
        Assert.Equal("get returned \"a\" but the value is \"b\"", Assert.Single(evidence.Stuck).Reason);
    }

    [Fact]
    public void Check_UnknownWriteExplainsLaterRead_Linearizable()
    {
        // The client timed out on put(x, a); a read long after shows it did take effect.
        var history = new[] { H.Unknown(H.Put(1, "x", "a", 0, 0)), H.Get(2, "x", "a", 100, 110) };

        var result = LinearizabilityChecker.Check(history);

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        Assert.Equal([0, 1], Assert.Single(result.Keys).Linearization);
    }

    [Fact]
    public void Check_UnknownWriteNeverSeen_Linearizable()
    {
        // ... or it never took effect: placed last, it changes nothing anyone read.
        var result = Check(H.Unknown(H.Put(1, "x", "a", 0, 0)), H.Get(2, "x", null, 100, 110));

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        Assert.Equal([1, 0], Assert.Single(result.Keys).Linearization);
    }

    [Fact]
    public void Check_UnknownWriteSeenThenUnseen_NotLinearizable()
    {
        // Once a read has seen it, it has happened: a later read cannot find the key absent again.
        var result = Check(H.Unknown(H.Put(1, "x", "a", 0, 0)), H.Get(2, "x", "a", 100, 110), H.Get(3, "x", null, 120, 130));

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
    }

    [Fact]
    public void Check_UnknownWriteCalledAfterRead_CannotExplainIt()
    {
        var result = Check(H.Get(2, "x", "a", 0, 10), H.Unknown(H.Put(1, "x", "a", 20, 0)));

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        var evidence = Assert.Single(result.Keys).Violation!;
        Assert.Empty(evidence.LongestPrefix);
        Assert.Equal(0, Assert.Single(evidence.Stuck).Index);
    }

    [Fact]
    public void Check_FailedWrite_CannotExplainRead()
    {
        var result = Check(H.Failed(H.Put(1, "x", "a", 0, 10)), H.Get(2, "x", "a", 20, 30));

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        Assert.Equal(1, result.DroppedFailed);
        Assert.Equal([1], Assert.Single(result.Keys).Operations);
    }

    [Fact]
    public void Check_UnknownRead_Dropped()
    {
        var result = Check(H.Put(1, "x", "a", 0, 10), H.Unknown(H.Get(2, "x", null, 20, 30)));

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        Assert.Equal(1, result.DroppedUnknownReads);
        Assert.Equal([0], Assert.Single(result.Keys).Operations);
    }

    [Fact]
    public void Check_FalseCasWithNothingToExplainIt_NotLinearizable()
    {
        // The value is "1" throughout the cas, so cas(1→2) must succeed.
        var result = Check(H.Put(1, "x", "1", 0, 10), H.Cas(2, "x", "1", "2", false, 20, 30));

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        Assert.Equal("cas failed but the value is the expected \"1\"", Assert.Single(result.Keys[0].Violation!.Stuck).Reason);
    }

    [Fact]
    public void Check_FalseCasExplainedByConcurrentPut_Linearizable()
    {
        var result = Check(H.Put(1, "x", "1", 0, 10), H.Put(3, "x", "3", 15, 40), H.Cas(2, "x", "1", "2", false, 20, 30));

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        Assert.Equal([0, 1, 2], result.Keys[0].Linearization);
    }

    [Fact]
    public void Check_CasOnAbsentKeyThenDel_Linearizable()
    {
        var result = Check(H.Cas(1, "x", null, "a", true, 0, 10), H.Get(2, "x", "a", 20, 30), H.Del(1, "x", 40, 50), H.Cas(2, "x", null, "b", true, 60, 70), H.Get(3, "x", "b", 80, 90));

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        Assert.Equal([0, 1, 2, 3, 4], result.Keys[0].Linearization);
    }

    [Fact]
    public void Check_TouchingIntervals_CountAsConcurrent()
    {
        // The put returns at 10 and the get is called at 10: they overlap, so the get may precede the put.
        var result = Check(H.Put(1, "x", "1", 0, 10), H.Get(2, "x", null, 10, 20));

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        Assert.Equal([1, 0], result.Keys[0].Linearization);
    }

    [Fact]
    public void Check_TwoKeys_ViolationReportedOnItsKeyOnly()
    {
        var result = Check(H.Put(1, "x", "1", 0, 10), H.Put(2, "y", "1", 0, 10), H.Get(1, "y", "1", 20, 30), H.Get(2, "x", null, 20, 30));

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        Assert.Equal(["x", "y"], result.Keys.Select(k => k.Key));
        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Keys[0].Verdict);
        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Keys[1].Verdict);
        Assert.Equal([1, 2], result.Keys[1].Linearization);
    }

    [Fact]
    public void Check_EmptyHistory_LinearizableWithNoKeys()
    {
        var result = Check();

        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Verdict);
        Assert.Empty(result.Keys);
    }

    [Fact]
    public void Check_StepBudgetTooSmall_Undecided()
    {
        var history = Enumerable.Range(0, 10).Select(i => H.Put(i, "x", $"{i}", 0, 100)).Append(H.Get(0, "x", "none", 200, 210)).ToArray();

        var result = LinearizabilityChecker.Check(history, new CheckOptions { MaxSteps = 50 });

        Assert.Equal(LinearizabilityVerdict.Undecided, result.Verdict);
        Assert.Equal(50, result.Steps);
        Assert.Null(result.Keys[0].Violation);
    }

    [Fact]
    public void Check_ManyConcurrentWritesThenImpossibleRead_CacheKeepsItSmall()
    {
        // 10 concurrent puts of distinct values have 10! orders; the cache collapses them to the 2^10 sets × final value.
        var history = Enumerable.Range(0, 10).Select(i => H.Put(i, "x", $"{i}", 0, 100)).Append(H.Get(0, "x", "none", 200, 210)).ToArray();

        var result = LinearizabilityChecker.Check(history);

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        // Bound: at most 2^10 × 11 (set, value) configurations, each visiting at most 22 entries — far below 10! = 3,628,800 orders.
        Assert.InRange(result.Steps, 1, 1024 * 11 * 22);
        Assert.Equal(10, result.Keys[0].Violation!.LongestPrefix.Count);
        Assert.Equal(10, Assert.Single(result.Keys[0].Violation!.Stuck).Index);
    }

    [Fact]
    public void Check_MalformedOperation_ArgumentExceptionNamesIt()
    {
        var bad = H.Put(1, "x", "1", 20, 10);

        var e = Assert.Throws<ArgumentException>(() => Check(H.Get(1, "x", null, 0, 1), bad));

        Assert.StartsWith("operation 1: 'return' is before 'call'", e.Message, StringComparison.Ordinal);
    }
}
