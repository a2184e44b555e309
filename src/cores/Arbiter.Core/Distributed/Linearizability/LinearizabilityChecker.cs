using System.Diagnostics;

namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// Checks a key-value history for linearizability (Herlihy &amp; Wing 1990): is there one order of the operations,
/// consistent with real time (a before b whenever a returned before b was called), in which every output is what
/// the sequential store would have answered? Operations touch one key each, and linearizability is local (a history
/// is linearizable exactly when each key's sub-history is), so each key is checked on its own with
/// <see cref="WingGongChecker"/> against <see cref="KvRegisterModel"/>.
/// </summary>
/// <remarks>
/// Failed operations are validated and dropped (they had no effect). An unknown get is dropped: it wrote nothing,
/// and with its output unknown it constrains nothing. Other unknown operations are kept with their return at
/// +infinity: the search may place them at any point after their call, or last, which is the same as "never
/// happened".
/// </remarks>
public static class LinearizabilityChecker
{
    /// <summary>Checks <paramref name="history"/>; throws <see cref="ArgumentException"/> naming the first malformed operation.</summary>
    public static LinearizabilityResult Check(IReadOnlyList<HistoryOperation> history, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= new CheckOptions();
        int failed = 0, unknownReads = 0;
        var byKey = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < history.Count; i++)
        {
            HistoryOperation op = history[i];
            if (op.Problem() is { } problem)
            {
                throw new ArgumentException($"operation {i}{(op.Line > 0 ? $" (line {op.Line})" : "")}: {problem}", nameof(history));
            }

            if (op.Status == OperationStatus.Fail)
            {
                failed++;
            }
            else if (op.Status == OperationStatus.Unknown && op.Op == KvOperationKind.Get)
            {
                unknownReads++;
            }
            else
            {
                if (!byKey.TryGetValue(op.Key, out var indices))
                {
                    byKey.Add(op.Key, indices = []);
                }

                indices.Add(i);
            }
        }

        var keys = byKey.Select(pair => CheckKey(history, pair.Key, pair.Value, options.MaxSteps)).ToList();
        return new LinearizabilityResult(history, keys, failed, unknownReads);
    }

    /// <summary>The engine's view of a history operation.</summary>
    public static ModelOperation<KvInput, KvOutput> ToModel(HistoryOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var output = op.Status == OperationStatus.Ok ? new KvOutput(true, op.Output, op.Succeeded == true) : KvOutput.Unknown;
        return new(new KvInput(op.Op, op.Value, op.Expected), output, op.Call, op.EffectiveReturn);
    }

    private static KeyResult CheckKey(IReadOnlyList<HistoryOperation> history, string key, List<int> indices, long maxSteps)
    {
        var operations = indices.Select(i => ToModel(history[i])).ToList();
        SearchOutcome outcome = WingGongChecker.Check(KvRegisterModel.Instance, operations, maxSteps);
        var order = outcome.Order.Select(o => indices[o]).ToList();
        return outcome.Verdict switch
        {
            LinearizabilityVerdict.Linearizable => new KeyResult(key, outcome.Verdict, indices, outcome.Steps, order, null),
            LinearizabilityVerdict.NotLinearizable => new KeyResult(key, outcome.Verdict, indices, outcome.Steps, [],
                Evidence(operations, indices, outcome.Order)),
            _ => new KeyResult(key, outcome.Verdict, indices, outcome.Steps, [], null),
        };
    }

    /// <summary>Replays the longest prefix and lists the operations real time allows next, with the model's refusal.</summary>
    private static ViolationEvidence Evidence(List<ModelOperation<KvInput, KvOutput>> operations, List<int> indices, IReadOnlyList<int> prefix)
    {
        var model = KvRegisterModel.Instance;
        string? state = model.Init();
        var placed = new bool[operations.Count];
        foreach (int o in prefix)
        {
            bool accepted = model.TryStep(state, operations[o].Input, operations[o].Output, out state);
            Debug.Assert(accepted, "the prefix replays");
            placed[o] = true;
        }

        // Real time allows o next when no remaining operation returned strictly before o was called.
        long firstReturn = Enumerable.Range(0, operations.Count).Where(o => !placed[o]).Select(o => operations[o].Return).DefaultIfEmpty(long.MaxValue).Min();
        var stuck = new List<StuckOperation>();
        for (int o = 0; o < operations.Count; o++)
        {
            if (!placed[o] && operations[o].Call <= firstReturn)
            {
                string? reason = model.Explain(state, operations[o].Input, operations[o].Output);
                Debug.Assert(reason is not null, "after the longest prefix every candidate is refused");
                stuck.Add(new StuckOperation(indices[o], reason ?? "placing it here leads to a dead end later"));
            }
        }

        return new ViolationEvidence([.. prefix.Select(o => indices[o])], state, stuck);
    }
}
