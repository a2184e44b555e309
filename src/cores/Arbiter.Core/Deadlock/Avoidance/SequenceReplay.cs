using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>
/// Checks a proposed safe sequence (for instance one a textbook or a student gives) by replaying it: Work starts at
/// Available, and each process in turn must have Need ≤ Work, after which Work += its allocation. Cost O(n·m).
/// This is the definition of a safe sequence (Silberschatz §8.6.2), so it is also how tests check every sequence the
/// engine returns.
/// </summary>
public static class SequenceReplay
{
    /// <summary>
    /// Returns −1 when <paramref name="sequence"/> is a safe sequence of all of the ledger's processes; otherwise the
    /// position in <paramref name="sequence"/> of the first process whose Need exceeds Work (or <c>sequence.Count</c>
    /// when the sequence is valid so far but leaves processes out or names one twice).
    /// </summary>
    public static int FirstFailure(ResourceLedger ledger, IReadOnlyList<int> sequence)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(sequence);
        int m = ledger.ResourceCount;
        var work = new long[m];
        for (int r = 0; r < m; r++)
        {
            work[r] = ledger.Available[r];
        }

        var seen = new bool[ledger.ProcessCount];
        for (int i = 0; i < sequence.Count; i++)
        {
            int p = sequence[i];
            if (p < 0 || p >= ledger.ProcessCount || seen[p])
            {
                return sequence.Count;
            }

            seen[p] = true;
            for (int r = 0; r < m; r++)
            {
                if (ledger.Need(p, r) > work[r])
                {
                    return i;
                }
            }

            var allocation = ledger.Allocation(p);
            for (int r = 0; r < m; r++)
            {
                work[r] += allocation[r];
            }
        }

        return sequence.Count == ledger.ProcessCount ? -1 : sequence.Count;
    }

    /// <summary>True when <paramref name="sequence"/> is a safe sequence of all the ledger's processes.</summary>
    public static bool IsSafe(ResourceLedger ledger, IReadOnlyList<int> sequence) => FirstFailure(ledger, sequence) < 0;
}
