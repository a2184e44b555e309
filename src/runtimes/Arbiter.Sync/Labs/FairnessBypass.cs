// Source: the bounded-waiting condition of the critical-section problem (Silberschatz, Galvin & Gagne, Operating
// System Concepts, 10th ed., §6.2: "a bound on the number of times other processes are allowed to enter their
// critical sections after a process has made a request … and before that request is granted"), measured as an
// inversion count.
//
// Summary: every request has a request number (drawn before it called acquire) and a grant number (drawn once it
// held the primitive). Request r was bypassed by q when q asked later (req[q] > req[r]) but was served earlier
// (grant[q] < grant[r]). bypass(r) = #{q : req[q] > req[r] ∧ grant[q] < grant[r]}. Visiting requests in grant
// order with a Fenwick tree over request ranks, bypass(r) = (requests served before r) − (those that also asked
// before r).
//
// Cost: O(n log n) time, O(n) space; the reference (tests) is the O(n²) double loop.
namespace Arbiter.Sync.Labs;

/// <summary>Bypass counts from an acquisition log: how many later requests overtook each one.</summary>
public static class FairnessBypass
{
    /// <summary>
    /// bypass[i] for every request i. Request and grant numbers must each be distinct; a request never granted
    /// (still waiting when the run ended) takes a grant number above every real one, ordered by request number.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length or a number repeats.</exception>
    public static int[] Compute(ReadOnlySpan<long> requestSeq, ReadOnlySpan<long> grantSeq)
    {
        int n = requestSeq.Length;
        if (grantSeq.Length != n)
        {
            throw new ArgumentException("requestSeq and grantSeq must have the same length.", nameof(grantSeq));
        }

        int[] rank = RanksOf(requestSeq, nameof(requestSeq));
        int[] byGrant = SortedIndices(grantSeq, nameof(grantSeq));
        var fenwick = new int[n + 1];
        var bypass = new int[n];
        for (int served = 0; served < n; served++)
        {
            int i = byGrant[served];
            int askedBefore = 0;
            for (int k = rank[i]; k > 0; k -= k & -k)
            {
                askedBefore += fenwick[k];
            }

            bypass[i] = served - askedBefore;
            for (int k = rank[i] + 1; k <= n; k += k & -k)
            {
                fenwick[k]++;
            }
        }

        return bypass;
    }

    /// <summary>The largest bypass count (0 for an empty log).</summary>
    public static int Max(ReadOnlySpan<long> requestSeq, ReadOnlySpan<long> grantSeq)
    {
        int max = 0;
        foreach (int b in Compute(requestSeq, grantSeq))
        {
            max = Math.Max(max, b);
        }

        return max;
    }

    /// <summary>rank[i] = position of values[i] in ascending order (0-based).</summary>
    private static int[] RanksOf(ReadOnlySpan<long> values, string name)
    {
        int[] order = SortedIndices(values, name);
        var rank = new int[values.Length];
        for (int r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        return rank;
    }

    private static int[] SortedIndices(ReadOnlySpan<long> values, string name)
    {
        long[] keys = values.ToArray();
        int[] order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        for (int i = 1; i < keys.Length; i++)
        {
            if (keys[i] == keys[i - 1])
            {
                throw new ArgumentException($"Sequence number {keys[i]} appears twice.", name);
            }
        }

        return order;
    }
}
