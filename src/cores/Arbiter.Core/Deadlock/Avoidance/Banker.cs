using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>
/// Dijkstra's Banker's algorithm (E. W. Dijkstra, EWD-108, 1965; multi-resource form in Silberschatz, <i>Operating
/// System Concepts</i>, §8.6.3): the safety check and the resource-request check.
/// </summary>
/// <remarks>
/// Safety is graph reduction with demand = Need (<see cref="GraphReduction"/>, O(m·n·log n)); a request is checked
/// against Need, then Available, then by the safety check of the state with the request pretended granted — on
/// copies, so the caller's ledger is never changed. For a stateful controller that grants and caches the last safe
/// order see <see cref="BankersAdmission"/>.
/// </remarks>
public static class Banker
{
    /// <summary>Is the state safe? Returns the canonical safe sequence, or the processes that cannot be guaranteed to finish.</summary>
    /// <exception cref="UndeclaredClaimException">A process has no declared maximum claim.</exception>
    public static SafetyResult CheckSafety(ResourceLedger ledger)
    {
        RequireDeclaredClaims(ledger);
        ReductionResult result = GraphReduction.ReduceByNeed(ledger);
        return new SafetyResult(result.AllFinish, result.Order, result.Unfinished);
    }

    /// <summary>
    /// Would the Banker grant <paramref name="request"/> to <paramref name="process"/>? Evaluated on copies; the
    /// ledger is not changed. Checks, in the textbook's order: request ≤ Need (else exceeds-claim), request ≤
    /// Available (else exceeds-available), then safety of the state with the request granted (else unsafe).
    /// </summary>
    /// <exception cref="UndeclaredClaimException">A process has no declared maximum claim.</exception>
    /// <exception cref="ArgumentException">Unknown process, wrong vector length or a negative amount.</exception>
    public static RequestDecision Request(ResourceLedger ledger, int process, ReadOnlySpan<int> request)
    {
        RequireDeclaredClaims(ledger);
        ValidateRequest(ledger, process, request);
        int m = ledger.ResourceCount;
        for (int r = 0; r < m; r++)
        {
            if (request[r] > ledger.Need(process, r))
            {
                return new RequestDecision(RequestOutcome.ExceedsClaim, [], []);
            }
        }

        for (int r = 0; r < m; r++)
        {
            if (request[r] > ledger.Available[r])
            {
                return new RequestDecision(RequestOutcome.ExceedsAvailable, [], []);
            }
        }

        ReductionResult result = ReduceWithRequest(ledger, process, request);
        return result.AllFinish
            ? new RequestDecision(RequestOutcome.Granted, result.Order, [])
            : new RequestDecision(RequestOutcome.Unsafe, [], result.Unfinished);
    }

    /// <summary>Safety reduction of the state with <paramref name="request"/> pretended granted (on copies).</summary>
    internal static ReductionResult ReduceWithRequest(ResourceLedger ledger, int process, ReadOnlySpan<int> request)
    {
        int m = ledger.ResourceCount;
        int[] available = ledger.Available.ToArray();
        int[] allocation = ledger.AllocationMatrix.ToArray();
        for (int r = 0; r < m; r++)
        {
            available[r] -= request[r];
            allocation[(process * m) + r] += request[r]; // Max is unchanged, so Need shrinks by the request
        }

        return HoltReduction.ReduceByNeed(available, allocation, ledger.MaxMatrix, ledger.ProcessCount);
    }

    /// <summary>Throws <see cref="UndeclaredClaimException"/> naming the first process without a declared claim.</summary>
    internal static void RequireDeclaredClaims(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (ledger.AllClaimsDeclared)
        {
            return;
        }

        for (int p = 0; p < ledger.ProcessCount; p++)
        {
            if (!ledger.HasDeclaredMax(p))
            {
                throw new UndeclaredClaimException(ledger.ProcessName(p), p);
            }
        }
    }

    /// <summary>Argument checks shared with <see cref="BankersAdmission"/>.</summary>
    internal static void ValidateRequest(ResourceLedger ledger, int process, ReadOnlySpan<int> request)
    {
        if ((uint)process >= (uint)ledger.ProcessCount)
        {
            throw new ArgumentOutOfRangeException(nameof(process), process, $"no process {process}: the ledger has {ledger.ProcessCount}");
        }

        if (request.Length != ledger.ResourceCount)
        {
            throw new ArgumentException($"a request needs {ledger.ResourceCount} numbers ({string.Join(", ", ledger.ResourceNames)}), got {request.Length}", nameof(request));
        }

        for (int r = 0; r < request.Length; r++)
        {
            if (request[r] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(request), request[r], $"{ledger.ProcessName(process)} requests a negative amount of {ledger.ResourceNames[r]}");
            }
        }
    }
}
