using Arbiter.Core.Resources;

namespace Arbiter.Core.Tests.Deadlock.Reduction;

/// <summary>Slow, obviously-correct references used by the property tests.</summary>
public static class Oracles
{
    /// <summary>Does the given order let every listed process get its Need, in turn, from Work?</summary>
    public static bool ReplaysSafely(ResourceLedger ledger, IReadOnlyList<int> order)
    {
        int m = ledger.ResourceCount;
        long[] work = ledger.Available.ToArray().Select(x => (long)x).ToArray();
        foreach (int p in order)
        {
            for (int r = 0; r < m; r++)
            {
                if (ledger.Need(p, r) > work[r])
                {
                    return false;
                }
            }

            for (int r = 0; r < m; r++)
            {
                work[r] += ledger.Allocation(p)[r];
            }
        }

        return true;
    }

    /// <summary>Every permutation of 0..n−1 in lexicographic order.</summary>
    public static IEnumerable<int[]> Permutations(int n)
    {
        int[] a = Enumerable.Range(0, n).ToArray();
        while (true)
        {
            yield return (int[])a.Clone();
            int i = n - 2;
            while (i >= 0 && a[i] >= a[i + 1])
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            int j = n - 1;
            while (a[j] <= a[i])
            {
                j--;
            }

            (a[i], a[j]) = (a[j], a[i]);
            Array.Reverse(a, i + 1, n - i - 1);
        }
    }

    /// <summary>All safe sequences by brute force over permutations (lexicographic).</summary>
    public static List<int[]> SafeSequencesByBruteForce(ResourceLedger ledger)
        => Permutations(ledger.ProcessCount).Where(order => ReplaysSafely(ledger, order)).ToList();

    /// <summary>Single-type ledger from (allocation, max) pairs named P0, P1, ...</summary>
    public static ResourceLedger SingleType(int total, params (int Allocation, int Max)[] processes)
        => ResourceLedger.FromSpec(new LedgerSpec(["R"], [total], null,
            processes.Select((p, i) => new ProcessSpec($"P{i}", [p.Allocation], [p.Max])).ToArray()));
}
