using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Core.Tests.Distributed.Linearizability;

/// <summary>
/// Random small histories made the way a correct store makes them: each operation gets an interval and a
/// linearization point inside it (an unknown one: any time after its call, and only half of them take effect; a
/// failed one never does), the points are run in order on a sequential store and the outputs recorded. Such a
/// history is linearizable by construction. <see cref="Corrupt"/> changes one recorded output, which often is not.
/// </summary>
internal static class RandomKvHistory
{
    private static readonly string?[] Values = [null, "1", "2", "3"];

    public static List<HistoryOperation> Linearizable(Random random, int maxOps = 8, int maxKeys = 2)
    {
        int count = random.Next(1, maxOps + 1);
        int keys = random.Next(1, maxKeys + 1);
        var ops = new List<(HistoryOperation Op, long Point, bool Effect)>();
        for (int i = 0; i < count; i++)
        {
            long call = random.Next(0, 40);
            long ret = call + random.Next(0, 16);
            var status = random.Next(10) switch { < 7 => OperationStatus.Ok, < 9 => OperationStatus.Unknown, _ => OperationStatus.Fail };
            var kind = random.Next(20) switch { < 7 => KvOperationKind.Get, < 13 => KvOperationKind.Put, < 17 => KvOperationKind.Cas, _ => KvOperationKind.Del };
            var op = new HistoryOperation
            {
                Client = random.Next(1, 4),
                Op = kind,
                Key = keys == 1 ? "x" : random.Next(2) == 0 ? "x" : "y",
                Value = kind is KvOperationKind.Put or KvOperationKind.Cas ? Values[random.Next(1, 4)] : null,
                Expected = kind == KvOperationKind.Cas ? Values[random.Next(0, 3)] : null,
                Call = call,
                Return = status == OperationStatus.Unknown && random.Next(2) == 0 ? null : ret,
                Status = status,
            };
            long point = status == OperationStatus.Unknown ? call + random.Next(0, 60) : random.NextInt64(call, ret + 1);
            bool effect = status == OperationStatus.Ok || (status == OperationStatus.Unknown && random.Next(2) == 0);
            ops.Add((op, point, effect));
        }

        // Run the effective operations in the order of their points on a sequential store to fill in outputs.
        var store = new Dictionary<string, string>();
        var filled = new HistoryOperation[count];
        foreach (int i in Enumerable.Range(0, count).Where(i => ops[i].Effect).OrderBy(i => ops[i].Point).ThenBy(_ => random.Next()))
        {
            var op = ops[i].Op;
            store.TryGetValue(op.Key, out string? current);
            TextbookLinearizability.Apply(store, op with { Status = OperationStatus.Unknown });
            filled[i] = op.Status != OperationStatus.Ok ? op : op.Op switch
            {
                KvOperationKind.Get => op with { Output = current },
                KvOperationKind.Cas => op with { Succeeded = op.Expected == current },
                _ => op,
            };
        }

        return [.. Enumerable.Range(0, count).Select(i => filled[i] ?? ops[i].Op)];
    }

    /// <summary>The same history with one known output changed (a get reads another value, a cas flips), if it has one.</summary>
    public static List<HistoryOperation> Corrupt(Random random, List<HistoryOperation> history)
    {
        var candidates = Enumerable.Range(0, history.Count)
            .Where(i => history[i].Status == OperationStatus.Ok && history[i].Op is KvOperationKind.Get or KvOperationKind.Cas).ToList();
        if (candidates.Count == 0)
        {
            return history;
        }

        int at = candidates[random.Next(candidates.Count)];
        var op = history[at];
        var copy = new List<HistoryOperation>(history);
        copy[at] = op.Op == KvOperationKind.Cas
            ? op with { Succeeded = !op.Succeeded }
            : op with { Output = Values.Where(v => v != op.Output).ElementAt(random.Next(3)) };
        return copy;
    }
}
