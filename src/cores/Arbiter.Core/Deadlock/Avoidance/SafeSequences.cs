using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>
/// All safe sequences of a small state, for teaching: how many there are and which (in lexicographic order).
/// </summary>
/// <remarks>
/// <para>Source: dynamic programming over subsets (the Held–Karp idea applied to the Banker's safety condition).
/// After any prefix of a sequence, Work = Available + the allocations of the processes in the prefix — it depends
/// only on the <i>set</i> S of finished processes, not on their order. So the number of ways to finish everybody
/// from S, C(S) = Σ over p ∉ S with Need(p) ≤ Work(S) of C(S ∪ {p}), with C(all) = 1, and the count of safe
/// sequences is C(∅).</para>
/// <para>Cost: O(2ⁿ·n·m) time over the reachable subsets and a table of 2ⁿ counts, hence the limit of
/// <see cref="MaxProcesses"/> processes. Enumeration walks the same table, only entering subsets with C &gt; 0,
/// so each sequence produced costs O(n²·m).</para>
/// </remarks>
public static class SafeSequences
{
    /// <summary>Largest number of processes accepted (2²⁰ table entries; 20! fits a <see cref="long"/>).</summary>
    public const int MaxProcesses = 20;

    /// <summary>The exact number of safe sequences (0 when the state is unsafe).</summary>
    /// <exception cref="UndeclaredClaimException">A process has no declared maximum claim.</exception>
    /// <exception cref="ArgumentException">More than <see cref="MaxProcesses"/> processes.</exception>
    public static long Count(ResourceLedger ledger) => new Table(ledger).Completions(0);

    /// <summary>Up to <paramref name="limit"/> safe sequences, in lexicographic order of process indices.</summary>
    /// <exception cref="UndeclaredClaimException">A process has no declared maximum claim.</exception>
    /// <exception cref="ArgumentException">More than <see cref="MaxProcesses"/> processes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public static IReadOnlyList<IReadOnlyList<int>> Enumerate(ResourceLedger ledger, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var table = new Table(ledger);
        var found = new List<IReadOnlyList<int>>();
        if (limit > 0 && table.Completions(0) > 0)
        {
            table.Enumerate(0, new int[table.ProcessCount], 0, found, limit);
        }

        return found;
    }

    /// <summary>The memo table C(S) with the Work of the subset being explored kept on the side.</summary>
    private sealed class Table
    {
        private readonly int _n;
        private readonly int _m;
        private readonly int[] _allocation;
        private readonly int[] _need;
        private readonly long[] _work;
        private readonly long[] _completions;

        public Table(ResourceLedger ledger)
        {
            Banker.RequireDeclaredClaims(ledger);
            _n = ledger.ProcessCount;
            if (_n > MaxProcesses)
            {
                throw new ArgumentException($"safe sequences are counted for at most {MaxProcesses} processes (the table has 2^n entries); this state has {_n}", nameof(ledger));
            }

            _m = ledger.ResourceCount;
            _allocation = ledger.AllocationMatrix.ToArray();
            _need = ledger.NeedMatrix();
            _work = new long[_m];
            for (int r = 0; r < _m; r++)
            {
                _work[r] = ledger.Available[r];
            }

            _completions = new long[1 << _n];
            Array.Fill(_completions, -1L);
        }

        public int ProcessCount => _n;

        /// <summary>C(S); <c>_work</c> must hold Work(S) on entry and holds it again on return.</summary>
        public long Completions(int finished)
        {
            if (finished == (1 << _n) - 1)
            {
                return 1;
            }

            if (_completions[finished] >= 0)
            {
                return _completions[finished];
            }

            long total = 0;
            for (int p = 0; p < _n; p++)
            {
                if ((finished & (1 << p)) == 0 && Fits(p))
                {
                    Add(p, +1);
                    total += Completions(finished | (1 << p));
                    Add(p, -1);
                }
            }

            _completions[finished] = total;
            return total;
        }

        /// <summary>Depth-first in index order, entering only subsets from which everybody can still finish.</summary>
        public void Enumerate(int finished, int[] prefix, int depth, List<IReadOnlyList<int>> found, int limit)
        {
            if (depth == _n)
            {
                found.Add((int[])prefix.Clone());
                return;
            }

            for (int p = 0; p < _n && found.Count < limit; p++)
            {
                if ((finished & (1 << p)) != 0 || !Fits(p))
                {
                    continue;
                }

                Add(p, +1);
                if (Completions(finished | (1 << p)) > 0)
                {
                    prefix[depth] = p;
                    Enumerate(finished | (1 << p), prefix, depth + 1, found, limit);
                }

                Add(p, -1);
            }
        }

        private bool Fits(int p)
        {
            for (int r = 0; r < _m; r++)
            {
                if (_need[(p * _m) + r] > _work[r])
                {
                    return false;
                }
            }

            return true;
        }

        private void Add(int p, int sign)
        {
            for (int r = 0; r < _m; r++)
            {
                _work[r] += sign * _allocation[(p * _m) + r];
            }
        }
    }
}
