namespace Arbiter.Bench.Graphs;

/// <summary>
/// The textbook baseline for online cycle checking: a plain adjacency-set graph that, before adding u→v, runs a
/// depth-first search from v looking for u (O(reach(v)) per edge). Visited marks use a stamp so nothing is cleared
/// or allocated per search.
/// </summary>
internal sealed class NaiveDigraph
{
    private readonly HashSet<int>[] _succ;
    private readonly int[] _mark;
    private readonly int[] _stack;
    private int _stamp;

    public NaiveDigraph(int nodes)
    {
        _succ = new HashSet<int>[nodes];
        for (int v = 0; v < nodes; v++)
        {
            _succ[v] = [];
        }

        _mark = new int[nodes];
        _stack = new int[nodes];
    }

    public bool TryAddEdge(int from, int to)
    {
        if (from == to || Reaches(to, from))
        {
            return false;
        }

        _succ[from].Add(to);
        return true;
    }

    public bool RemoveEdge(int from, int to) => _succ[from].Remove(to);

    public bool Reaches(int start, int target)
    {
        int stamp = ++_stamp;
        int top = 0;
        _stack[top++] = start;
        _mark[start] = stamp;
        while (top > 0)
        {
            int v = _stack[--top];
            if (v == target)
            {
                return true;
            }

            foreach (int w in _succ[v])
            {
                if (_mark[w] != stamp)
                {
                    _mark[w] = stamp;
                    _stack[top++] = w;
                }
            }
        }

        return false;
    }
}
