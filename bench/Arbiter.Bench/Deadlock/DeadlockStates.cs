using Arbiter.Core.Resources;

namespace Arbiter.Bench.Deadlock;

/// <summary>
/// Deterministic large resource states for the deadlock benchmarks (Need = Max − Allocation and Request set alike,
/// so the same state serves safety and detection).
/// </summary>
public static class DeadlockStates
{
    /// <summary>
    /// Builds a state of <paramref name="n"/> processes × <paramref name="m"/> types:
    /// "reverse" — each holds 1 of every type and demands n−1−p with Available 0, so only the last unfinished
    /// process fits each pass (the textbook scan's worst case, n passes);
    /// "shuffled" — a hidden random safe order where each process demands nearly all the Work its predecessors
    /// leave, so finishers appear in random index order (about n/2 textbook passes);
    /// "random" — uniform random allocations (0–3) and demands (0–10) with Available 20: the easy case, one pass.
    /// </summary>
    public static ResourceLedger Build(string shape, int n, int m, int seed = 42)
    {
        var rng = new Random(seed);
        var allocation = new int[n * m];
        var demand = new int[n * m];
        var available = new int[m];
        switch (shape)
        {
            case "reverse":
                Array.Fill(allocation, 1);
                for (int p = 0; p < n; p++)
                {
                    Array.Fill(demand, n - 1 - p, p * m, m);
                }

                break;
            case "shuffled":
                int[] order = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
                var work = new long[m];
                for (int r = 0; r < m; r++)
                {
                    available[r] = 2;
                    work[r] = 2;
                }

                foreach (int p in order)
                {
                    for (int r = 0; r < m; r++)
                    {
                        allocation[(p * m) + r] = rng.Next(1, 3);
                        demand[(p * m) + r] = (int)Math.Max(0, work[r] - rng.Next(0, 3));
                    }

                    for (int r = 0; r < m; r++)
                    {
                        work[r] += allocation[(p * m) + r];
                    }
                }

                break;
            case "random":
                for (int i = 0; i < n * m; i++)
                {
                    allocation[i] = rng.Next(0, 4);
                    demand[i] = rng.Next(0, 11);
                }

                Array.Fill(available, 20);
                break;
            default:
                throw new ArgumentException($"unknown shape '{shape}'", nameof(shape));
        }

        var resources = Enumerable.Range(0, m).Select(r => $"r{r}").ToArray();
        var processes = Enumerable.Range(0, n).Select(p =>
        {
            int[] held = allocation.AsSpan(p * m, m).ToArray();
            int[] wants = demand.AsSpan(p * m, m).ToArray();
            return new ProcessSpec($"p{p}", held, held.Zip(wants, (a, d) => a + d).ToArray(), wants);
        }).ToArray();
        long[] total = Enumerable.Range(0, m).Select(r => available[r] + Enumerable.Range(0, n).Sum(p => (long)allocation[(p * m) + r])).ToArray();
        int[] needTotal = Enumerable.Range(0, m).Select(r => (int)Math.Max(total[r], processes.Max(ps => (long)ps.Max![r]))).ToArray();

        // Totals must cover every claim; any excess beyond the allocations is available (keeps the states valid).
        int[] finalAvailable = Enumerable.Range(0, m).Select(r => available[r] + (int)(needTotal[r] - total[r])).ToArray();
        return ResourceLedger.FromSpec(new LedgerSpec(resources, needTotal, finalAvailable, processes));
    }
}
