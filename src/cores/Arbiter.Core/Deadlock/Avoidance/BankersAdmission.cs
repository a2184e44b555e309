using System.Diagnostics;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>
/// A stateful Banker's admission controller over a <see cref="ResourceLedger"/> (the future cluster admission
/// controller): grants a request only if the state stays safe, and makes the common case cheap by remembering the
/// last safe order.
/// </summary>
/// <remarks>
/// <para>Source: Dijkstra's Banker's algorithm (EWD-108, 1965; Silberschatz §8.6.3), with the observation that a
/// known safe sequence is a certificate: checking that a <i>given</i> order is safe is a single O(n·m) replay
/// (Work = Available; each process in turn must have Need ≤ Work, then Work += its allocation).</para>
/// <para>On a request we first replay the cached order with the request pretended granted — O(n·m), no heap
/// allocation (a preallocated Work buffer, an enum result). Only if that replay fails do we run the full reduction
/// (<see cref="GraphReduction"/>, O(m·n·log n), allocating), which either finds a new safe order to cache or proves
/// the request unsafe. The replay is sound on its own: whatever the cache holds, a replay that succeeds is a safe
/// sequence of the new state, so a stale cache can only cost time, never a wrong grant.</para>
/// <para>The controller takes ownership of the ledger: change it only through <see cref="TryRequest"/>,
/// <see cref="Release"/> and <see cref="ReleaseAll"/>.</para>
/// </remarks>
public sealed class BankersAdmission
{
    private readonly ResourceLedger _ledger;
    private readonly int[] _order;
    private readonly long[] _work;
    private bool _hasOrder;

    /// <summary>Wraps <paramref name="ledger"/> and computes its safe order, if it has one.</summary>
    /// <exception cref="UndeclaredClaimException">A process has no declared maximum claim.</exception>
    public BankersAdmission(ResourceLedger ledger)
    {
        Banker.RequireDeclaredClaims(ledger);
        _ledger = ledger;
        _order = new int[ledger.ProcessCount];
        _work = new long[ledger.ResourceCount];
        ReductionResult result = GraphReduction.ReduceByNeed(ledger);
        if (result.AllFinish)
        {
            CacheOrder(result.Order);
        }
    }

    /// <summary>The ledger being guarded (read it; change it only through this controller).</summary>
    public ResourceLedger Ledger => _ledger;

    /// <summary>True when the current state is known to be safe (a safe order is cached).</summary>
    public bool IsSafe => _hasOrder;

    /// <summary>The cached safe order of the current state; empty when the state is not safe.</summary>
    public ReadOnlySpan<int> SafeOrder => _hasOrder ? _order : [];

    /// <summary>How many request checks were settled by replaying the cached order.</summary>
    public long ReplayHits { get; private set; }

    /// <summary>How many request checks needed the full reduction.</summary>
    public long FullReductions { get; private set; }

    /// <summary>
    /// Evaluates the request and, if it is safe, grants it (the ledger changes only then). Returns the outcome;
    /// the grant path through a successful replay allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown process, wrong vector length or a negative amount.</exception>
    public RequestOutcome TryRequest(int process, ReadOnlySpan<int> request)
    {
        RequestOutcome outcome = Evaluate(process, request, out int[]? newOrder);
        if (outcome != RequestOutcome.Granted)
        {
            return outcome;
        }

        _ledger.Grant(process, request);
        if (newOrder is not null)
        {
            CacheOrder(newOrder);
        }

        AssertCachedOrderIsSafe();
        return outcome;
    }

    /// <summary>What <see cref="TryRequest"/> would decide, without granting (and without changing the cache).</summary>
    /// <exception cref="ArgumentException">Unknown process, wrong vector length or a negative amount.</exception>
    public RequestOutcome Evaluate(int process, ReadOnlySpan<int> request) => Evaluate(process, request, out _);

    /// <summary>
    /// Returns <paramref name="amount"/> of <paramref name="process"/>'s allocation. The cached order stays safe:
    /// the release adds x to Available and takes x from the process's allocation (so its Need grows by x). Replaying
    /// the old order, every process before it sees Work + x (still enough); the process itself sees Work + x against
    /// Need + x (the same comparison); every process after it sees the same Work as before (+x from Available, −x
    /// from its smaller allocation). So no check is needed.
    /// </summary>
    public void Release(int process, ReadOnlySpan<int> amount)
    {
        _ledger.Release(process, amount);
        AssertCachedOrderIsSafe();
    }

    /// <summary>Releases everything <paramref name="process"/> holds (it finished); the cached order stays safe (see <see cref="Release"/>).</summary>
    public void ReleaseAll(int process)
    {
        _ledger.ReleaseAll(process);
        AssertCachedOrderIsSafe();
    }

    private RequestOutcome Evaluate(int process, ReadOnlySpan<int> request, out int[]? newOrder)
    {
        newOrder = null;
        Banker.ValidateRequest(_ledger, process, request);
        int m = _ledger.ResourceCount;
        ReadOnlySpan<int> available = _ledger.Available;
        for (int r = 0; r < m; r++)
        {
            if (request[r] > _ledger.Need(process, r))
            {
                return RequestOutcome.ExceedsClaim;
            }
        }

        for (int r = 0; r < m; r++)
        {
            if (request[r] > available[r])
            {
                return RequestOutcome.ExceedsAvailable;
            }
        }

        if (_hasOrder && ReplayWithRequest(process, request))
        {
            ReplayHits++;
            return RequestOutcome.Granted;
        }

        FullReductions++;
        ReductionResult result = Banker.ReduceWithRequest(_ledger, process, request);
        if (!result.AllFinish)
        {
            return RequestOutcome.Unsafe;
        }

        newOrder = [.. result.Order];
        return RequestOutcome.Granted;
    }

    /// <summary>
    /// Replays the cached order on the state with the request pretended granted: Available − request, and for the
    /// requester allocation + request and Need − request. O(n·m), reads the ledger's matrices in place.
    /// </summary>
    private bool ReplayWithRequest(int process, ReadOnlySpan<int> request)
    {
        int m = _ledger.ResourceCount;
        ReadOnlySpan<int> available = _ledger.Available;
        ReadOnlySpan<int> allocation = _ledger.AllocationMatrix;
        ReadOnlySpan<int> max = _ledger.MaxMatrix;
        Span<long> work = _work;
        for (int r = 0; r < m; r++)
        {
            work[r] = available[r] - request[r];
        }

        foreach (int q in _order)
        {
            int row = q * m;
            if (q == process)
            {
                // Need − request ≤ Work, then Work += allocation + request.
                for (int r = 0; r < m; r++)
                {
                    int held = allocation[row + r] + request[r];
                    if (max[row + r] - held > work[r])
                    {
                        return false;
                    }

                    work[r] += held;
                }

                continue;
            }

            // Finishing is all-or-nothing, so Work may grow while the row is still being checked: on a shortfall
            // the replay fails and the Work buffer is discarded.
            for (int r = 0; r < m; r++)
            {
                int held = allocation[row + r];
                if (max[row + r] - held > work[r])
                {
                    return false;
                }

                work[r] += held;
            }
        }

        return true;
    }

    private void CacheOrder(IReadOnlyList<int> order)
    {
        Debug.Assert(order.Count == _order.Length, "a safe order lists every process");
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = order[i];
        }

        _hasOrder = true;
    }

    [Conditional("DEBUG")]
    private void AssertCachedOrderIsSafe()
    {
        if (!_hasOrder)
        {
            return;
        }

        int m = _ledger.ResourceCount;
        Span<int> zero = stackalloc int[m];
        zero.Clear();
        Debug.Assert(_order.Length == 0 || ReplayWithRequest(_order[0], zero), "the cached order must be a safe sequence of the current state");
    }
}
