using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Core.Tests.Distributed.Linearizability;

/// <summary>Independent checks of what the checker hands back: a claimed order or prefix really is one.</summary>
internal static class LinearizationValidator
{
    /// <summary>Throws unless <paramref name="order"/> respects real time among its members and replays every known output.</summary>
    public static Dictionary<string, string> AssertReplays(IReadOnlyList<HistoryOperation> history, IReadOnlyList<int> order)
    {
        Assert.Equal(order.Count, order.Distinct().Count());
        var store = new Dictionary<string, string>();
        for (int p = 0; p < order.Count; p++)
        {
            var op = history[order[p]];
            Assert.True(TextbookLinearizability.Apply(store, op), $"{op} does not replay at position {p}");
            for (int q = p + 1; q < order.Count; q++)
            {
                Assert.False(TextbookLinearizability.MustPrecede(history[order[q]], op), $"{history[order[q]]} returned before {op} was called");
            }
        }

        return store;
    }

    /// <summary>Throws unless the key's result is a whole linearization of its operations.</summary>
    public static void AssertLinearization(IReadOnlyList<HistoryOperation> history, KeyResult key)
    {
        Assert.Equal(key.Operations.Order(), key.Linearization.Order());
        AssertReplays(history, key.Linearization);
    }

    /// <summary>Throws unless the evidence holds: the prefix replays, and each stuck operation could come next but is refused.</summary>
    public static void AssertEvidence(IReadOnlyList<HistoryOperation> history, KeyResult key)
    {
        var evidence = key.Violation!;
        var store = AssertReplays(history, evidence.LongestPrefix);
        store.TryGetValue(key.Key, out string? value);
        Assert.Equal(value, evidence.ValueAfterPrefix);
        var remaining = key.Operations.Except(evidence.LongestPrefix).ToList();
        Assert.NotEmpty(evidence.Stuck);
        Assert.All(remaining, r => Assert.True(
            evidence.LongestPrefix.All(p => !TextbookLinearizability.MustPrecede(history[r], history[p])),
            $"{history[r]} should come before the prefix"));
        var eligible = remaining.Where(o => !remaining.Any(r => TextbookLinearizability.MustPrecede(history[r], history[o]))).Order();
        Assert.Equal(eligible, evidence.Stuck.Select(s => s.Index).Order());
        foreach (var stuck in evidence.Stuck)
        {
            Assert.Contains(stuck.Index, remaining);
            Assert.DoesNotContain(remaining, r => TextbookLinearizability.MustPrecede(history[r], history[stuck.Index]));
            Assert.False(TextbookLinearizability.Apply(new Dictionary<string, string>(store), history[stuck.Index]), $"{history[stuck.Index]} fits after the prefix");
        }
    }
}
