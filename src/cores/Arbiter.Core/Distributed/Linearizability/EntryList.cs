using System.Diagnostics;

namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// The call and return entries of a history in one doubly linked list ordered by time, kept in arrays: entry
/// 2·op is the call of operation op, 2·op+1 its return, and <see cref="Head"/> a sentinel before the first.
/// Lifting an operation unlinks both its entries in O(1); unlifting relinks them (in reverse order, so the
/// neighbours they remember are valid again: Lowe 2017, §3).
/// </summary>
internal sealed class EntryList
{
    public const int End = -1;

    private readonly int[] _next;
    private readonly int[] _prev;

    private EntryList(int entries)
    {
        _next = new int[entries + 1];
        _prev = new int[entries + 1];
        Head = entries;
    }

    /// <summary>The sentinel entry before the first.</summary>
    public int Head { get; }

    public int First => _next[Head];

    public bool IsEmpty => _next[Head] == End;

    public static EntryList Build<TInput, TOutput>(IReadOnlyList<ModelOperation<TInput, TOutput>> operations)
    {
        int n = operations.Count;
        var order = new int[2 * n];
        var times = new long[2 * n];
        for (int op = 0; op < n; op++)
        {
            Debug.Assert(operations[op].Return >= operations[op].Call, "return before call");
            order[2 * op] = 2 * op;
            order[2 * op + 1] = 2 * op + 1;
            times[2 * op] = operations[op].Call;
            times[2 * op + 1] = operations[op].Return;
        }

        // By time; at equal times calls first (so intervals that touch overlap); then by entry for determinism.
        Array.Sort(order, (a, b) =>
        {
            int byTime = times[a].CompareTo(times[b]);
            if (byTime != 0)
            {
                return byTime;
            }

            int byKind = (a & 1).CompareTo(b & 1);
            return byKind != 0 ? byKind : a.CompareTo(b);
        });
        var list = new EntryList(2 * n);
        int previous = list.Head;
        foreach (int entry in order)
        {
            list._next[previous] = entry;
            list._prev[entry] = previous;
            previous = entry;
        }

        list._next[previous] = End;
        return list;
    }

    public int Next(int entry) => _next[entry];

    public static bool IsCall(int entry) => (entry & 1) == 0;

    public static int Operation(int entry) => entry >> 1;

    public static int CallOf(int op) => 2 * op;

    public void Lift(int op)
    {
        Unlink(2 * op);
        Unlink(2 * op + 1);
    }

    public void Unlift(int op)
    {
        Relink(2 * op + 1);
        Relink(2 * op);
    }

    private void Unlink(int entry)
    {
        _next[_prev[entry]] = _next[entry];
        if (_next[entry] != End)
        {
            _prev[_next[entry]] = _prev[entry];
        }
    }

    private void Relink(int entry)
    {
        _next[_prev[entry]] = entry;
        if (_next[entry] != End)
        {
            _prev[_next[entry]] = entry;
        }
    }
}
