using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Bench.Linearizability;

/// <summary>
/// Histories of a correct store, made by running clients against a sequential dictionary: every operation gets an
/// interval and a linearization point inside it, points are applied in order and outputs recorded. An unknown
/// operation takes effect (at a point after its call) only half the time. Optionally one read's output is then changed,
/// as a buggy store would.
/// </summary>
internal static class HistoryWorkload
{
    /// <summary>
    /// <paramref name="operations"/> operations by <paramref name="clients"/> clients, each issuing one at a time
    /// (so about that many overlap), over <paramref name="keys"/> keys; 50 % gets, 30 % puts of fresh values,
    /// 15 % cas, 5 % del; <paramref name="unknownPercent"/> % unknown and 1 % failed outcomes. Times in µs.
    /// </summary>
    public static List<HistoryOperation> Clients(int operations, int keys, int clients, int unknownPercent, int seed, bool corruptOne = false)
    {
        var random = new Random(seed);
        var clock = new long[clients];
        var events = new List<(HistoryOperation Op, long Point, bool Effect)>();
        for (int i = 0; i < operations; i++)
        {
            int client = random.Next(clients);
            long call = clock[client] + random.Next(1, 50);
            long ret = call + random.Next(20, 400);
            clock[client] = ret;
            int roll = random.Next(100);
            var kind = roll switch { < 50 => KvOperationKind.Get, < 80 => KvOperationKind.Put, < 95 => KvOperationKind.Cas, _ => KvOperationKind.Del };
            int statusRoll = random.Next(100);
            var status = statusRoll < unknownPercent ? OperationStatus.Unknown : statusRoll < unknownPercent + 1 ? OperationStatus.Fail : OperationStatus.Ok;
            string key = $"k{random.Next(keys)}";
            var op = new HistoryOperation
            {
                Client = client + 1,
                Op = kind,
                Key = key,
                Value = kind is KvOperationKind.Put or KvOperationKind.Cas ? $"v{i}" : null,
                Expected = kind == KvOperationKind.Cas ? (random.Next(4) == 0 ? null : $"v{random.Next(Math.Max(1, i))}") : null,
                Call = call,
                Return = status == OperationStatus.Unknown ? null : ret,
                Status = status,
            };
            long point = status == OperationStatus.Unknown ? call + random.Next(0, 2000) : random.NextInt64(call, ret + 1);
            events.Add((op, point, status == OperationStatus.Ok || (status == OperationStatus.Unknown && random.Next(2) == 0)));
        }

        return Fill(events, random, corruptOne);
    }

    private static List<HistoryOperation> Fill(List<(HistoryOperation Op, long Point, bool Effect)> events, Random random, bool corruptOne)
    {
        var store = new Dictionary<string, string>();
        var result = events.Select(e => e.Op).ToList();
        foreach (int i in Enumerable.Range(0, events.Count).Where(i => events[i].Effect).OrderBy(i => events[i].Point))
        {
            var op = events[i].Op;
            store.TryGetValue(op.Key, out string? current);
            bool ok = op.Status == OperationStatus.Ok;
            switch (op.Op)
            {
                case KvOperationKind.Get:
                    result[i] = ok ? op with { Output = current } : op;
                    break;
                case KvOperationKind.Put:
                    store[op.Key] = op.Value!;
                    break;
                case KvOperationKind.Del:
                    store.Remove(op.Key);
                    break;
                default:
                    bool equal = op.Expected == current;
                    if (equal)
                    {
                        store[op.Key] = op.Value!;
                    }

                    result[i] = ok ? op with { Succeeded = equal } : op;
                    break;
            }
        }

        if (corruptOne)
        {
            var reads = Enumerable.Range(0, result.Count).Where(i => result[i].Op == KvOperationKind.Get && result[i].Status == OperationStatus.Ok).ToList();
            if (reads.Count > 0)
            {
                int at = reads[random.Next(reads.Count)];
                result[at] = result[at] with { Output = result[at].Output is null ? "stale" : null };
            }
        }

        return result;
    }
}
