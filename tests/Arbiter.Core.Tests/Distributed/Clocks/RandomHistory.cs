using Arbiter.Core.Distributed.Clocks;

namespace Arbiter.Core.Tests.Distributed.Clocks;

/// <summary>
/// A random message-passing history (local events, sends, receives of any pending message, so messages are delayed
/// and overtake each other), stamped by the clocks under test, plus the slow reference for happened-before: the
/// transitive closure of program order and send→receive edges.
/// </summary>
internal sealed class RandomHistory
{
    public RandomHistory(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(2, 6), length = random.Next(1, 45);
        var lamport = Enumerable.Range(0, n).Select(_ => new LamportClock()).ToArray();
        var vector = Enumerable.Range(0, n).Select(p => new VectorClock(p, n)).ToArray();
        var hlc = Enumerable.Range(0, n).Select(_ => new HybridLogicalClock()).ToArray();
        var physical = new long[n];
        var last = Enumerable.Repeat(-1, n).ToArray();
        var pending = new List<(int To, int SendEvent, long L, VectorTimestamp V, HlcTimestamp H)>();
        var edges = new List<(int From, int To)>();
        for (int i = 0; i < length; i++)
        {
            int choice = random.Next(3);
            int p;
            long l;
            VectorTimestamp v;
            HlcTimestamp h;
            if (choice == 2 && pending.Count > 0)
            {
                var m = pending[random.Next(pending.Count)];
                pending.Remove(m);
                p = m.To;
                physical[p] += random.Next(0, 4); // physical clocks may stand still: the logical part must order
                (l, v, h) = (lamport[p].Receive(m.L), vector[p].Receive(m.V), hlc[p].Receive(m.H, physical[p]));
                edges.Add((m.SendEvent, Events.Count));
            }
            else
            {
                p = random.Next(n);
                physical[p] += random.Next(0, 4);
                (l, v, h) = (lamport[p].Tick(), vector[p].Tick(), hlc[p].Tick(physical[p]));
                if (choice == 1)
                {
                    int to = (p + 1 + random.Next(n - 1)) % n;
                    pending.Add((to, Events.Count, l, v, h));
                }
            }

            if (last[p] >= 0)
            {
                edges.Add((last[p], Events.Count));
            }

            last[p] = Events.Count;
            Events.Add((p, l, v, h, physical[p]));
        }

        Reach = Closure(Events.Count, edges);
    }

    public List<(int Process, long Lamport, VectorTimestamp Vector, HlcTimestamp Hlc, long Physical)> Events { get; } = [];

    /// <summary>Reach[a, b]: a happened before b (a path of one or more edges).</summary>
    public bool[,] Reach { get; }

    private static bool[,] Closure(int count, List<(int From, int To)> edges)
    {
        var reach = new bool[count, count];
        foreach (var (from, to) in edges)
        {
            reach[from, to] = true;
        }

        // Warshall: slow and obviously right, which is the point of a reference.
        for (int k = 0; k < count; k++)
        {
            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < count; j++)
                {
                    reach[i, j] |= reach[i, k] && reach[k, j];
                }
            }
        }

        return reach;
    }
}
