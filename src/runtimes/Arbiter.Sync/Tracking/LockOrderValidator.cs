// Source: the Linux kernel's lock validator, lockdep (Documentation/locking/lockdep-design.rst; kernel/locking/
// lockdep.c: validate_chain, check_prev_add, lookup_chain_cache), and seed week 4's "resource ordering".
//
// Summary: locks are grouped into classes. Whenever a thread that holds classes H1..Hk blocks to acquire class C,
// the edges Hi→C ("Hi is taken before C") are added to a graph of classes — the engine's incremental cycle detector
// (Pearce–Kelly). An edge that would close a cycle means two code paths take the same classes in opposite orders:
// an inversion that can deadlock even if this run did not. It is reported the first time it is seen, with every
// edge of the cycle and the thread and stack that first took it. Acquiring a class already held (same subclass) is
// reported as possible recursive locking. A pure try-acquire cannot deadlock and adds no edge, as in lockdep.
//
// Cost: the steady state is a chain-key hit — per-thread 64-entry cache, then a shared concurrent set — O(1) and
// lock-free. A chain seen for the first time takes the validator's lock and adds at most k edges, each O(1) when it
// agrees with the class order found so far (the usual case), a bounded search otherwise; a stack is captured once
// per new edge.
using System.Collections.Concurrent;
using Arbiter.Core.Graphs;

namespace Arbiter.Sync.Tracking;

/// <summary>Lock-order validation in the manner of Linux lockdep, over the engine's incremental cycle detector.</summary>
public sealed class LockOrderValidator
{
    private readonly LockTracker _tracker;
    private readonly ConcurrentDictionary<ulong, byte> _validatedChains = new();
    private readonly Lock _gate = new();

    // Guarded by _gate.
    private readonly IncrementalCycleDetector<long> _graph = new();
    private readonly Dictionary<(long From, long To), LockOrderEdge> _edges = [];
    private readonly Dictionary<(long From, long To), LockOrderReport> _refused = [];
    private readonly Dictionary<long, string> _nodeNames = [];
    private readonly List<LockOrderReport> _reports = [];

    internal LockOrderValidator(LockTracker tracker) => _tracker = tracker;

    /// <summary>Every problem reported so far, in the order found (each once).</summary>
    public IReadOnlyList<LockOrderReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>Edges of the class-order graph ("held A while taking B"), each recorded once.</summary>
    public IReadOnlyList<LockOrderEdge> Edges
    {
        get
        {
            lock (_gate)
            {
                return [.. _edges.Values];
            }
        }
    }

    /// <summary>Distinct lock chains validated so far (the cache behind the fast path).</summary>
    public int ValidatedChains => _validatedChains.Count;

    /// <summary>
    /// Validates "held stack + <paramref name="node"/>" for a blocking acquisition whose chain key missed the
    /// holder's cache. The holder is a thread or an async flow (<see cref="LockHolder"/>). Returns the report to throw
    /// under <see cref="InversionPolicy.Throw"/>, else null.
    /// </summary>
    internal LockOrderReport? Validate(LockHolder state, TrackedLock trackedLock, long node, ulong chain)
    {
        if (_validatedChains.ContainsKey(chain))
        {
            state.Cache.CacheValid(chain);
            return null;
        }

        bool throwing = _tracker.Options.OnInversion == InversionPolicy.Throw;
        List<LockOrderReport>? fresh = null;
        LockOrderReport? violation = null;
        lock (_gate)
        {
            Name(node, trackedLock.Class);
            string? stack = null;
            var held = state.Held;
            for (int i = 0; i < held.Length; i++)
            {
                long h = held[i].Node;
                if (IsDuplicateBelow(held, i))
                {
                    continue;
                }

                Name(h, held[i].Lock.Class);
                if (_refused.TryGetValue((h, node), out var known))
                {
                    violation ??= known;
                    continue;
                }

                if (h == node)
                {
                    var report = Report(LockOrderProblem.RecursiveLocking, [h, node], [Edge(state, h, node, ref stack)]);
                    _refused[(h, node)] = report;
                    (fresh ??= []).Add(report);
                    violation ??= report;
                    continue;
                }

                if (_graph.ContainsEdge(h, node))
                {
                    continue;
                }

                if (_graph.TryAddEdge(h, node, out var path))
                {
                    _edges[(h, node)] = Edge(state, h, node, ref stack);
                    continue;
                }

                // path = [node, …, h]: the orders already seen; h→node, taken now, closes the cycle.
                var cycle = new List<long>(path!) { node };
                var edges = new List<LockOrderEdge>(path!.Count);
                for (int k = 0; k + 1 < path.Count; k++)
                {
                    edges.Add(_edges[(path[k], path[k + 1])]);
                }

                edges.Add(Edge(state, h, node, ref stack));
                var inversion = Report(LockOrderProblem.Inversion, cycle, edges);
                _refused[(h, node)] = inversion;
                (fresh ??= []).Add(inversion);
                violation ??= inversion;
            }

            // Under Throw a chain with a violation must fail every time, so it is never cached as valid.
            if (violation is null || !throwing)
            {
                _validatedChains.TryAdd(chain, 0);
            }
        }

        if (violation is null || !throwing)
        {
            state.Cache.CacheValid(chain);
        }

        // Callbacks run outside the validator's lock: a callback that takes a tracked lock must not deadlock on us.
        if (fresh is not null && _tracker.Options.InversionReported is { } callback)
        {
            foreach (var report in fresh)
            {
                callback(report);
            }
        }

        return throwing ? violation : null;
    }

    private static bool IsDuplicateBelow(ReadOnlySpan<HeldLock> held, int i)
    {
        for (int j = 0; j < i; j++)
        {
            if (held[j].Node == held[i].Node)
            {
                return true;
            }
        }

        return false;
    }

    private void Name(long node, LockClass lockClass)
    {
        if (!_nodeNames.ContainsKey(node))
        {
            int subclass = (int)(node & 0xFFFF);
            _nodeNames[node] = subclass == 0 ? lockClass.Name : $"{lockClass.Name}/{subclass}";
        }
    }

    private LockOrderEdge Edge(LockHolder state, long from, long to, ref string? stack)
    {
        if (stack is null && _tracker.Options.CaptureStacks)
        {
            stack = StackText.Format(StackText.Capture(fileInfo: true));
        }

        return new LockOrderEdge(_nodeNames[from], _nodeNames[to], state.Name, state.Id, stack);
    }

    private LockOrderReport Report(LockOrderProblem problem, IReadOnlyList<long> cycle, IReadOnlyList<LockOrderEdge> edges)
    {
        var report = new LockOrderReport
        {
            Problem = problem,
            Cycle = [.. cycle.Select(n => _nodeNames[n])],
            Edges = edges,
        };
        _reports.Add(report);
        return report;
    }
}
