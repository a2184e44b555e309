using Arbiter.Store.Coordination;

namespace Arbiter.Bench.Coordination;

/// <summary>The benchmarks' baseline: the coordinator's state as plain lists, and deadlock decided by the textbook
/// pass scan over every owner (the same algorithm as the tests' ReferenceCoordinator, for single-unit resources):
/// repeat passes letting finish every owner that waits for nothing or heads its queue on a free resource.</summary>
internal sealed class FullReductionReference
{
    private readonly Dictionary<string, long?> _holder = [];
    private readonly Dictionary<string, List<long>> _queue = [];
    private readonly Dictionary<long, string?> _waits = [];
    private readonly List<long> _owners = [];
    private readonly Dictionary<long, List<string>> _holds = [];

    public static FullReductionReference From(CoordinationGraph g)
    {
        var r = new FullReductionReference();
        foreach (var res in g.Resources)
        {
            r._holder[res.Name] = null;
            r._queue[res.Name] = [];
        }

        foreach (var h in g.Holds)
        {
            r._holder[h.Resource] = h.Lease;
            if (!r._holds.TryGetValue(h.Lease, out var list))
            {
                r._holds[h.Lease] = list = [];
            }

            list.Add(h.Resource);
        }

        foreach (var w in g.Waits.OrderBy(w => w.Position))
        {
            r._queue[w.Resource].Add(w.Lease);
            r._waits[w.Lease] = w.Resource;
        }

        r._owners.AddRange(g.Owners.Select(o => o.Lease));
        foreach (long o in r._owners)
        {
            r._waits.TryAdd(o, null);
        }

        return r;
    }

    public void Wait(long lease, string resource)
    {
        _queue[resource].Add(lease);
        _waits[lease] = resource;
    }

    public void Withdraw(long lease, string resource)
    {
        _queue[resource].Remove(lease);
        _waits[lease] = null;
    }

    public int CountStuck()
    {
        var holder = new Dictionary<string, long?>(_holder);
        var heads = _queue.ToDictionary(kv => kv.Key, kv => 0);
        var finished = new HashSet<long>();
        bool progress = true;
        while (progress)
        {
            progress = false;
            foreach (long o in _owners)
            {
                if (finished.Contains(o))
                {
                    continue;
                }

                string? r = _waits[o];
                if (r is not null && (holder[r] is not null || _queue[r][heads[r]] != o))
                {
                    continue;
                }

                if (r is not null)
                {
                    heads[r]++;
                }

                finished.Add(o);
                foreach (var key in _holds.GetValueOrDefault(o) ?? [])
                {
                    holder[key] = null;
                }

                progress = true;
            }
        }

        return _owners.Count - finished.Count;
    }
}
