using Arbiter.Core.Deadlock.Recovery;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Tests.Deadlock.Recovery;

/// <summary>
/// A slow, independent re-implementation of recovery for differential tests: plain jagged arrays, a fixpoint
/// detection that finishes processes in any order, the cost formula written out from its documentation.
/// </summary>
internal sealed class ReferenceRecovery
{
    private readonly int[] _available;
    private readonly int[][] _allocation;
    private readonly int[][] _request;
    private readonly int[]?[] _max;
    private readonly int[][] _checkpoint;
    private readonly ProcessSpec[] _info;
    private readonly int[] _rollbacks;
    private readonly bool[] _terminated;

    public ReferenceRecovery(LedgerSpec spec)
    {
        int n = spec.Processes.Count;
        int m = spec.Resources.Count;
        _info = [.. spec.Processes];
        _allocation = [.. _info.Select(p => p.Allocation!.ToArray())];
        _request = [.. _info.Select(p => p.Request!.ToArray())];
        _max = [.. _info.Select(p => p.Max?.ToArray())];
        _checkpoint = [.. _info.Select(p => p.Checkpoint!.ToArray())];
        _rollbacks = [.. _info.Select(p => p.Rollbacks)];
        _terminated = new bool[n];
        _available = [.. Enumerable.Range(0, m).Select(r => spec.Total![r] - _allocation.Sum(a => a[r]))];
    }

    public List<(RecoveryAction Action, int Victim)> Steps { get; } = [];

    public int[] Available => _available;

    public int[] Deadlocked()
    {
        int m = _available.Length;
        long[] work = [.. _available.Select(x => (long)x)];
        bool[] done = [.. _terminated];
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int p = _info.Length - 1; p >= 0; p--) // deliberately the other direction: the set must not depend on it
            {
                if (!done[p] && Enumerable.Range(0, m).All(r => _request[p][r] <= work[r]))
                {
                    done[p] = changed = true;
                    for (int r = 0; r < m; r++)
                    {
                        work[r] += _allocation[p][r];
                    }
                }
            }
        }

        return [.. Enumerable.Range(0, _info.Length).Where(p => !done[p])];
    }

    public double Cost(int p, bool preempt, VictimCostWeights w)
    {
        int m = _available.Length;
        int held = Enumerable.Range(0, m).Sum(r => preempt ? _allocation[p][r] - _checkpoint[p][r] : _allocation[p][r]);
        int needed = Enumerable.Range(0, m).Sum(r => _max[p] is int[] max ? max[r] - _allocation[p][r] : _request[p][r]);
        return (w.Priority * _info[p].Priority) + (w.CpuTime * _info[p].CpuTime) - (w.Held * held) - (w.StillNeeded * needed) + (w.Rollbacks * _rollbacks[p]);
    }

    public void Run(RecoveryStrategy strategy, VictimCostWeights w)
    {
        if (strategy == RecoveryStrategy.TerminateAll)
        {
            // Costs are taken from the initial state, then victims are killed cheapest first.
            foreach (int p in Deadlocked().OrderBy(p => Cost(p, false, w)).ThenBy(p => p).ToArray())
            {
                Kill(p);
            }

            return;
        }

        for (int[] d = Deadlocked(); d.Length > 0; d = Deadlocked())
        {
            int[] givers = strategy == RecoveryStrategy.Preempt
                ? [.. d.Where(p => Enumerable.Range(0, _available.Length).Any(r => _allocation[p][r] > _checkpoint[p][r]))]
                : [];
            bool preempt = givers.Length > 0;
            int[] pool = preempt ? givers : d;
            int victim = pool.OrderBy(p => Cost(p, preempt, w)).ThenBy(p => p).First();
            if (preempt)
            {
                for (int r = 0; r < _available.Length; r++)
                {
                    int take = _allocation[victim][r] - _checkpoint[victim][r];
                    _allocation[victim][r] -= take;
                    _available[r] += take;
                    _request[victim][r] += take;
                }

                _rollbacks[victim]++;
                Steps.Add((RecoveryAction.Preempt, victim));
            }
            else
            {
                Kill(victim);
            }
        }
    }

    /// <summary>Survivors' (name, allocation, request, rollbacks), for comparison with the engine's ledger.</summary>
    public IEnumerable<string> Survivors() =>
        Enumerable.Range(0, _info.Length).Where(p => !_terminated[p])
            .Select(p => $"{_info[p].Name} a=[{string.Join(",", _allocation[p])}] q=[{string.Join(",", _request[p])}] rb={_rollbacks[p]}");

    public static IEnumerable<string> Survivors(ResourceLedger ledger) =>
        Enumerable.Range(0, ledger.ProcessCount).Select(p =>
            $"{ledger.ProcessName(p)} a=[{string.Join(",", ledger.Allocation(p).ToArray())}] q=[{string.Join(",", ledger.Request(p).ToArray())}] rb={ledger.Process(p).Rollbacks}");

    private void Kill(int p)
    {
        for (int r = 0; r < _available.Length; r++)
        {
            _available[r] += _allocation[p][r];
            _allocation[p][r] = 0;
            _request[p][r] = 0;
        }

        _terminated[p] = true;
        Steps.Add((RecoveryAction.Terminate, p));
    }
}
