using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Workload;

namespace Arbiter.Core.Scheduling.Simulation;

/// <summary>
/// Jain's fairness index (Jain, Chiu &amp; Hawe 1984): J = (Σx)² / (n · Σx²) for allocations x₁ … xₙ; 1 when all are
/// equal, 1/n when one job gets everything. Here xᵢ = CPU job i received in the contention window ÷ its entitlement.
/// The window runs from the last arrival to the first completion, the one interval in which every job is in the
/// system and wants the CPU (time blocked on I/O counts as not receiving). Entitlement is the tickets for lottery and
/// stride, the nice weight for CFS, and equal for every other policy.
/// </summary>
public static class Fairness
{
    /// <summary>Jain's index of <paramref name="allocations"/>, or null when they are all zero or there are none.</summary>
    public static double? Jain(IReadOnlyList<double> allocations)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        double sum = 0, squares = 0;
        foreach (double x in allocations)
        {
            sum += x;
            squares += x * x;
        }

        return squares == 0 ? null : sum * sum / (allocations.Count * squares);
    }

    /// <summary>The entitlement of <paramref name="job"/> under the policy named <paramref name="policy"/>.</summary>
    public static double Entitlement(string policy, Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return policy switch
        {
            "lottery" or "stride" => job.Tickets,
            "cfs" => NiceWeights.Of(job.Nice),
            _ => 1,
        };
    }
}
