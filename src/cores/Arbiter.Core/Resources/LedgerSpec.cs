namespace Arbiter.Core.Resources;

/// <summary>
/// The declarative description of a resource state, as read from a state file: resource types, their instance
/// counts and, per process, its allocation, maximum claim and outstanding request. Validated and turned into a
/// <see cref="ResourceLedger"/> by <see cref="ResourceLedger.FromSpec"/>.
/// </summary>
/// <param name="Resources">Resource type names; their order is the column order of every vector.</param>
/// <param name="Total">Instances per type, or null when only <paramref name="Available"/> is given.</param>
/// <param name="Available">Free instances per type, or null to derive them from <paramref name="Total"/>.</param>
/// <param name="Processes">The processes, in the order given (ties are broken in this order everywhere).</param>
public sealed record LedgerSpec(
    IReadOnlyList<string> Resources,
    IReadOnlyList<int>? Total,
    IReadOnlyList<int>? Available,
    IReadOnlyList<ProcessSpec> Processes);

/// <summary>One process of a <see cref="LedgerSpec"/>. Vectors are in the spec's resource order; null means zero.</summary>
/// <param name="Name">Unique process name.</param>
/// <param name="Allocation">Instances held now.</param>
/// <param name="Max">Declared maximum claim (for avoidance); null means "not declared", taken as the allocation.</param>
/// <param name="Request">Outstanding request (for detection).</param>
/// <param name="Priority">Optional priority for victim selection; higher means more important.</param>
/// <param name="CpuTime">Optional CPU time used so far, for victim selection.</param>
/// <param name="Rollbacks">How many times the process has already been rolled back.</param>
/// <param name="Checkpoint">Allocation at the last checkpoint (preemption rolls back to it); null means nothing held.</param>
public sealed record ProcessSpec(
    string Name,
    IReadOnlyList<int>? Allocation = null,
    IReadOnlyList<int>? Max = null,
    IReadOnlyList<int>? Request = null,
    int Priority = 0,
    double CpuTime = 0,
    int Rollbacks = 0,
    IReadOnlyList<int>? Checkpoint = null);
