// Source: R. E. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972, §4
// (the lowlink algorithm for strongly connected components).
//
// Summary: one depth-first search numbers the nodes in visiting order and keeps, per node, the lowest number
// reachable through its subtree and one back/cross edge into the current stack; a node whose lowlink equals its
// own number is the root of a component, which is popped off the stack. The DFS is iterative, so deep graphs
// (a 100,000-node chain) do not overflow the call stack.
//
// Cost: O(n + e) time and space.
namespace Arbiter.Core.Graphs;

/// <summary>Strongly connected components, and which nodes and edges lie on some cycle.</summary>
public static class StronglyConnectedComponents
{
    /// <summary>
    /// The component of each node: <c>result[v]</c> in 0..<paramref name="componentCount"/>−1. Components are
    /// numbered in the order Tarjan's algorithm completes them (a reverse topological order of the condensation).
    /// </summary>
    /// <exception cref="ArgumentException">A successor is not a node of the graph.</exception>
    public static int[] Compute(IReadOnlyList<IReadOnlyList<int>> successors, out int componentCount)
    {
        ArgumentNullException.ThrowIfNull(successors);
        var component = new int[successors.Count];
        componentCount = Compute(successors, 0, component);
        return component;
    }

    /// <summary>
    /// Components of the subgraph induced by the nodes ≥ <paramref name="minNode"/> (smaller nodes and the edges
    /// into them are ignored and get component −1), written into <paramref name="component"/>; returns their count.
    /// Johnson's cycle enumeration calls this once per start node.
    /// </summary>
    internal static int Compute(IReadOnlyList<IReadOnlyList<int>> successors, int minNode, int[] component)
    {
        int n = successors.Count;
        Array.Fill(component, -1, 0, minNode);
        var index = new int[n];   // visiting number + 1 (0 = unvisited)
        var low = new int[n];
        var onStack = new bool[n];
        var stack = new Stack<int>();
        var frames = new Stack<(int Node, int Next)>();
        int counter = 0;
        int componentCount = 0;

        for (int root = minNode; root < n; root++)
        {
            if (index[root] != 0)
            {
                continue;
            }

            Visit(root);
            while (frames.Count > 0)
            {
                var (v, next) = frames.Pop();
                var list = successors[v];
                if (next < list.Count)
                {
                    frames.Push((v, next + 1));
                    int w = list[next];
                    if ((uint)w >= (uint)n)
                    {
                        throw new ArgumentException($"node {v} has successor {w}, not a node of a graph of {n}", nameof(successors));
                    }

                    if (w < minNode)
                    {
                        continue;
                    }

                    if (index[w] == 0)
                    {
                        Visit(w);
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component[w] = componentCount;
                    }
                    while (w != v);
                    componentCount++;
                }

                if (frames.Count > 0)
                {
                    // Returning to the parent: it reaches whatever its child reaches.
                    int parent = frames.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        return componentCount;

        void Visit(int v)
        {
            index[v] = low[v] = ++counter;
            stack.Push(v);
            onStack[v] = true;
            frames.Push((v, 0));
        }
    }

    /// <summary>
    /// Which nodes lie on at least one cycle: those in a component of two or more nodes, or with a self-loop.
    /// An edge u→v lies on a cycle exactly when u and v are in the same component (or u = v).
    /// </summary>
    public static bool[] NodesOnCycles(IReadOnlyList<IReadOnlyList<int>> successors, out int[] component)
    {
        component = Compute(successors, out int count);
        var size = new int[count];
        foreach (int c in component)
        {
            size[c]++;
        }

        var onCycle = new bool[successors.Count];
        for (int v = 0; v < onCycle.Length; v++)
        {
            onCycle[v] = size[component[v]] > 1 || successors[v].Contains(v);
        }

        return onCycle;
    }
}
