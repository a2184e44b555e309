using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Bench.Linearizability;

/// <summary>
/// The textbook baseline: the definition read literally, as in the tests' reference — leave out failed operations,
/// try every subset of the unknown ones, and every order of the included operations that respects real time, run
/// on a dictionary. No partitioning, no cache.
/// </summary>
internal static class BruteForceLinearizability
{
    public static bool IsLinearizable(IReadOnlyList<HistoryOperation> history)
    {
        var ok = history.Where(o => o.Status == OperationStatus.Ok).ToList();
        var unknown = history.Where(o => o.Status == OperationStatus.Unknown).ToList();
        for (int mask = 0; mask < 1 << unknown.Count; mask++)
        {
            var included = new List<HistoryOperation>(ok);
            included.AddRange(unknown.Where((_, i) => (mask & (1 << i)) != 0));
            if (Search(included, new bool[included.Count], 0, new Dictionary<string, string>()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MustPrecede(HistoryOperation a, HistoryOperation b) => a.Status == OperationStatus.Ok && a.Return < b.Call;

    private static bool Apply(Dictionary<string, string> store, HistoryOperation op)
    {
        store.TryGetValue(op.Key, out string? current);
        bool known = op.Status == OperationStatus.Ok;
        switch (op.Op)
        {
            case KvOperationKind.Get:
                return !known || op.Output == current;
            case KvOperationKind.Put:
                store[op.Key] = op.Value!;
                return true;
            case KvOperationKind.Del:
                store.Remove(op.Key);
                return true;
            default:
                bool equal = op.Expected == current;
                if (equal)
                {
                    store[op.Key] = op.Value!;
                }

                return !known || op.Succeeded == equal;
        }
    }

    private static bool Search(List<HistoryOperation> ops, bool[] done, int count, Dictionary<string, string> store)
    {
        if (count == ops.Count)
        {
            return true;
        }

        for (int i = 0; i < ops.Count; i++)
        {
            if (done[i] || Enumerable.Range(0, ops.Count).Any(j => !done[j] && j != i && MustPrecede(ops[j], ops[i])))
            {
                continue;
            }

            var next = new Dictionary<string, string>(store);
            if (Apply(next, ops[i]))
            {
                done[i] = true;
                bool works = Search(ops, done, count + 1, next);
                done[i] = false;
                if (works)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
