namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// The slow, straightforward reference: the definition read literally, on the whole history (no per-key split, so it
/// also checks locality). Failed operations are left out; each unknown operation is either left out or included
/// (every subset is tried, gets too); then every order of the included operations that respects real time (a before
/// b when a returned before b was called) is run on a dictionary, and the history is linearizable when one of them
/// reproduces every known output.
/// </summary>
/// <remarks>
/// Source: Herlihy &amp; Wing 1990, the definition of linearizability. Cost: 2^u · n! in the worst case (u unknown
/// operations, n operations), so only for histories of a handful of operations: it is the independent check the
/// <see cref="LinearizabilityChecker"/> is tested and benchmarked against, never used on real histories.
/// </remarks>
public static class TextbookLinearizability
{
    /// <summary>True when some subset of the unknown operations and some real-time-respecting order explain every output.</summary>
    public static bool IsLinearizable(IReadOnlyList<HistoryOperation> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var ok = history.Where(o => o.Status == OperationStatus.Ok).ToList();
        var unknown = history.Where(o => o.Status == OperationStatus.Unknown).ToList();
        for (int mask = 0; mask < 1 << unknown.Count; mask++)
        {
            var included = new List<HistoryOperation>(ok);
            included.AddRange(unknown.Where((_, i) => (mask & (1 << i)) != 0));
            if (SomeOrderWorks(included, new bool[included.Count], 0, new Dictionary<string, string>()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a must come before b in every linearization.</summary>
    public static bool MustPrecede(HistoryOperation a, HistoryOperation b) =>
        a.Status == OperationStatus.Ok && a.Return < b.Call;

    /// <summary>Runs one operation on the store; false when its known output disagrees.</summary>
    public static bool Apply(Dictionary<string, string> store, HistoryOperation op)
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

    private static bool SomeOrderWorks(List<HistoryOperation> ops, bool[] done, int count, Dictionary<string, string> store)
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
                bool works = SomeOrderWorks(ops, done, count + 1, next);
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
