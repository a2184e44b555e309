// Sources: M. Herlihy and J. Wing, "Linearizability: A Correctness Condition for Concurrent Objects", ACM TOPLAS
// 12(3), 1990 (the definition; §3.5 locality, here per-key partitioning). J. Wing and C. Gong, "Testing and
// Verifying Concurrent Objects", J. Parallel and Distributed Computing 17, 1993 (the backtracking search).
// G. Lowe, "Testing for linearizability", Concurrency and Computation 29(4), 2017, §3–4 (the just-in-time list
// with lift/unlift and the memo cache of configurations). As engineered by Porcupine (A. Athalye,
// github.com/anishathalye/porcupine, checker.go): entries of calls and returns in one doubly linked list.
//
// Summary: sort the 2n call and return entries by time (a call before a return at equal times, so touching
// intervals overlap). Walk the list: at a call entry, try to linearize that operation now — if the model accepts
// its output from the current state and (linearized set, new state) is not in the cache, push it, lift its call
// and return entries out of the list and restart from the head. At a return entry the operation it closes was not
// linearized before its response, so this branch is dead: pop the last linearized operation, unlift it and try the
// entry after it. The history is linearizable when the list empties, and not when a return entry is met with an
// empty stack. An unknown operation has its return at +infinity: it can always wait until everything else is
// placed, which is the same as never having taken effect.
//
// Cost: exponential in the worst case (checking linearizability is NP-complete: Gibbons & Korach 1997); each step
// is O(1) plus the model's step and an O(n/64) cache comparison. The cache bounds the search by the number of
// distinct (set, state) configurations instead of orders, and partitioning by key (locality) turns one search over
// n operations into k searches over about n/k, which is what makes real histories fast.
using System.Diagnostics;

namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// Wing &amp; Gong's linearizability search with Lowe's improvements, for one partition (one object) of a history,
/// against any deterministic <see cref="ISequentialModel{TState, TInput, TOutput}"/>. Pure and deterministic:
/// bounded by a step budget, never by a clock.
/// </summary>
public static class WingGongChecker
{
    /// <summary>
    /// Searches for a linearization of <paramref name="operations"/>. Gives up with
    /// <see cref="LinearizabilityVerdict.Undecided"/> after <paramref name="maxSteps"/> steps.
    /// </summary>
    public static SearchOutcome Check<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<ModelOperation<TInput, TOutput>> operations, long maxSteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSteps);
        int n = operations.Count;
        var list = EntryList.Build(operations);
        var linearized = new LinearizedSet(n);
        var cache = new SearchCache<TState>(model.StateComparer);
        var stack = new (int Op, TState Before)[n];
        int depth = 0;
        int[] longest = [];
        TState state = model.Init();
        long steps = 0;
        int entry = list.First;
        while (!list.IsEmpty)
        {
            if (++steps > maxSteps)
            {
                return new SearchOutcome(LinearizabilityVerdict.Undecided, longest, steps - 1, cache.Count);
            }

            // Every remaining call's return lies after it in the list, so the walk meets a return before the end.
            Debug.Assert(entry != EntryList.End, "walked off the list");
            int op = EntryList.Operation(entry);
            if (EntryList.IsCall(entry))
            {
                ModelOperation<TInput, TOutput> o = operations[op];
                if (model.TryStep(state, o.Input, o.Output, out TState next) && cache.TryAdd(linearized, op, next))
                {
                    stack[depth++] = (op, state);
                    state = next;
                    linearized.Add(op);
                    list.Lift(op);
                    entry = list.First;
                }
                else
                {
                    entry = list.Next(entry);
                }
            }
            else
            {
                // A response reached: the operation it closes must have been linearized before it. Backtrack.
                if (depth > longest.Length)
                {
                    longest = [.. stack[..depth].Select(s => s.Op)];
                }

                if (depth == 0)
                {
                    return new SearchOutcome(LinearizabilityVerdict.NotLinearizable, longest, steps, cache.Count);
                }

                (int undone, state) = stack[--depth];
                linearized.Remove(undone);
                list.Unlift(undone);
                entry = list.Next(EntryList.CallOf(undone));
            }
        }

        Debug.Assert(depth == n && linearized.Count == n, "every operation linearized");
        return new SearchOutcome(LinearizabilityVerdict.Linearizable, [.. stack.Select(s => s.Op)], steps, cache.Count);
    }
}
