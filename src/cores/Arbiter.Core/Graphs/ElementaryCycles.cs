// Source: D. B. Johnson, "Finding all the elementary circuits of a directed graph", SIAM J. Comput. 4(1), 1975,
// pp. 77–84 (procedure CIRCUIT with the blocked set and the B lists).
//
// Summary: repeatedly take, among the strongly connected components (Tarjan) of the subgraph induced by the nodes
// ≥ s, the one holding a cycle whose least node is smallest; move s to that least node and enumerate the simple
// paths from s back to s inside the component by depth-first search. A node stays "blocked" while no path from it
// back to s avoiding the current path is known; the B lists record whom to unblock when that changes, so no
// fruitless branch is explored twice. Every cycle is found exactly once, from its smallest node; s then advances by
// one, and the search stops when no component of the remaining subgraph holds a cycle (so every round but the last
// finds a cycle). Successors are explored in ascending order, which makes the output the lexicographic order of the
// node sequences: s is the smallest node of its component, so the closing edge to s is always tried first and a
// cycle comes out before any cycle extending it.
//
// Cost: O((n + e)(c + 1)) time for c cycles, O(n + e) space. Both the DFS and the unblocking are iterative, so a
// long cycle cannot overflow the call stack.
using System.Diagnostics;

namespace Arbiter.Core.Graphs;

/// <summary>All elementary cycles (circuits) of a directed graph, by Johnson's algorithm.</summary>
public static class ElementaryCycles
{
    /// <summary>
    /// The elementary cycles of the graph whose node i has successors <paramref name="successors"/>[i]
    /// (duplicates ignored; a self-loop is the cycle [i]). At most <paramref name="limit"/> are returned, in
    /// lexicographic order; <see cref="CycleListing.Truncated"/> says whether more exist.
    /// </summary>
    /// <exception cref="ArgumentException">A successor is not a node of the graph.</exception>
    public static CycleListing Find(IReadOnlyList<IReadOnlyList<int>> successors, int limit = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(successors);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        int n = successors.Count;
        var succ = new int[n][];
        for (int v = 0; v < n; v++)
        {
            var list = successors[v] ?? throw new ArgumentException($"node {v} has a null successor list", nameof(successors));
            foreach (int w in list)
            {
                if ((uint)w >= (uint)n)
                {
                    throw new ArgumentException($"node {v} has successor {w}, not a node of a graph of {n}", nameof(successors));
                }
            }

            succ[v] = [.. list.Distinct().Order()];
        }

        return new Search(succ, limit).Run();
    }

    /// <summary>The elementary cycles of the graph on nodes 0..<paramref name="nodeCount"/>−1 with the given edges.</summary>
    public static CycleListing Find(int nodeCount, IEnumerable<(int From, int To)> edges, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        ArgumentNullException.ThrowIfNull(edges);
        var lists = new List<int>[nodeCount];
        for (int v = 0; v < nodeCount; v++)
        {
            lists[v] = [];
        }

        foreach (var (from, to) in edges)
        {
            if ((uint)from >= (uint)nodeCount)
            {
                throw new ArgumentException($"edge {from}→{to} starts outside the {nodeCount} nodes", nameof(edges));
            }

            lists[from].Add(to);
        }

        return Find(lists, limit);
    }

    /// <summary>The state of one enumeration (kept together so the helpers need no long parameter lists).</summary>
    private sealed class Search(int[][] succ, int limit)
    {
        private readonly int n = succ.Length;
        private readonly List<IReadOnlyList<int>> cycles = [];
        private readonly bool[] blocked = new bool[succ.Length];
        private readonly List<int>[] b = new List<int>[succ.Length];
        private readonly int[] component = new int[succ.Length];
        private int current;
        private readonly List<int> path = [];
        private readonly List<int> nextIndex = [];
        private readonly List<bool> found = [];
        private readonly Stack<int> work = new();
        private bool truncated;

        public CycleListing Run()
        {
            for (int s = 0; s < n && !truncated; s++)
            {
                s = NextComponent(s);
                if (s < 0)
                {
                    break;
                }

                Circuit(s);
            }

            return new CycleListing(cycles, truncated);
        }

        private bool InComponent(int v) => component[v] == current;

        /// <summary>
        /// Johnson's step: among the components of the subgraph induced by nodes ≥ <paramref name="from"/>, the one
        /// holding a cycle (two or more nodes, or a self-loop) whose least node is smallest. Makes it current, resets
        /// its blocked flags and B lists, and returns its least node; −1 if no component holds a cycle.
        /// </summary>
        private int NextComponent(int from)
        {
            int count = StronglyConnectedComponents.Compute(succ, from, component);
            var size = new int[count];
            for (int v = from; v < n; v++)
            {
                size[component[v]]++;
            }

            int s = from;
            while (s < n && size[component[s]] == 1 && Array.BinarySearch(succ[s], s) < 0)
            {
                s++;
            }

            if (s == n)
            {
                return -1;
            }

            current = component[s];
            for (int v = s; v < n; v++)
            {
                if (component[v] == current)
                {
                    blocked[v] = false;
                    (b[v] ??= []).Clear();
                }
            }

            return s;
        }

        /// <summary>Johnson's CIRCUIT(s), with the recursion turned into an explicit stack of frames.</summary>
        private void Circuit(int s)
        {
            Push(s);
            while (path.Count > 0)
            {
                int top = path.Count - 1;
                int v = path[top];
                int[] next = succ[v];
                if (nextIndex[top] < next.Length)
                {
                    int w = next[nextIndex[top]++];
                    if (w == s)
                    {
                        if (cycles.Count == limit)
                        {
                            truncated = true;
                            return;
                        }

                        cycles.Add(path.ToArray());
                        found[top] = true;
                    }
                    else if (InComponent(w) && !blocked[w])
                    {
                        Push(w);
                    }

                    continue;
                }

                // All successors tried. If a cycle went through v, v may be reused on other paths: unblock it.
                // Otherwise v stays blocked until one of its successors in the component is unblocked.
                bool f = found[top];
                if (f)
                {
                    Unblock(v);
                }
                else
                {
                    foreach (int w in next)
                    {
                        if (InComponent(w) && !b[w].Contains(v))
                        {
                            b[w].Add(v);
                        }
                    }
                }

                path.RemoveAt(top);
                nextIndex.RemoveAt(top);
                found.RemoveAt(top);
                if (f && top > 0)
                {
                    found[top - 1] = true;
                }
            }
        }

        private void Push(int v)
        {
            // Nodes on the path are blocked, so an elementary path never revisits one.
            Debug.Assert(!blocked[v], "an elementary path visits a node once");
            path.Add(v);
            nextIndex.Add(0);
            found.Add(false);
            blocked[v] = true;
        }

        private void Unblock(int u)
        {
            work.Clear();
            work.Push(u);
            while (work.Count > 0)
            {
                int x = work.Pop();
                if (!blocked[x])
                {
                    continue;
                }

                blocked[x] = false;
                foreach (int w in b[x])
                {
                    work.Push(w);
                }

                b[x].Clear();
            }
        }
    }
}
