namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>The verdict for a whole key-value history, key by key.</summary>
/// <param name="History">The history checked (results refer to it by index).</param>
/// <param name="Keys">One result per key, in ordinal key order.</param>
/// <param name="DroppedFailed">Operations with status fail (no effect), left out after validation.</param>
/// <param name="DroppedUnknownReads">Gets with status unknown: they change nothing and promise nothing, so they are left out.</param>
public sealed record LinearizabilityResult(
    IReadOnlyList<HistoryOperation> History,
    IReadOnlyList<KeyResult> Keys,
    int DroppedFailed,
    int DroppedUnknownReads)
{
    /// <summary>Not linearizable if any key is not (locality: Herlihy &amp; Wing §3.5), else undecided if any key is, else linearizable.</summary>
    public LinearizabilityVerdict Verdict =>
        Keys.Any(k => k.Verdict == LinearizabilityVerdict.NotLinearizable) ? LinearizabilityVerdict.NotLinearizable
        : Keys.Any(k => k.Verdict == LinearizabilityVerdict.Undecided) ? LinearizabilityVerdict.Undecided
        : LinearizabilityVerdict.Linearizable;

    /// <summary>Search steps over all keys.</summary>
    public long Steps => Keys.Sum(k => k.Steps);
}
