namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>The verdict for one key of a history.</summary>
/// <param name="Key">The key.</param>
/// <param name="Verdict">Linearizable, not, or undecided (budget spent).</param>
/// <param name="Operations">History indices of the operations checked for this key (failed ones and unknown gets left out).</param>
/// <param name="Steps">Search steps spent.</param>
/// <param name="Linearization">When linearizable: one order of <paramref name="Operations"/> (history indices) that explains every output.</param>
/// <param name="Violation">When not linearizable: the evidence.</param>
public sealed record KeyResult(
    string Key,
    LinearizabilityVerdict Verdict,
    IReadOnlyList<int> Operations,
    long Steps,
    IReadOnlyList<int> Linearization,
    ViolationEvidence? Violation);
