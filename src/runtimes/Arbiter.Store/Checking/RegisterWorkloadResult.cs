using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Store.Checking;

/// <summary>The history a <see cref="RegisterWorkload"/> run recorded, in call order, and its tallies.</summary>
/// <param name="History">Every operation, the final reads last.</param>
/// <param name="AcknowledgedWrites">Puts, deletes and successful compare-and-sets that returned ok.</param>
/// <param name="FinalReads">The key → value read after the run (null: absent), one per key that could be read.</param>
public sealed record RegisterWorkloadResult(IReadOnlyList<HistoryOperation> History, int AcknowledgedWrites, IReadOnlyDictionary<string, string?> FinalReads)
{
    /// <summary>Operations that returned ok.</summary>
    public int Ok => History.Count(o => o.Status == OperationStatus.Ok);

    /// <summary>Operations refused without effect.</summary>
    public int Failed => History.Count(o => o.Status == OperationStatus.Fail);

    /// <summary>Operations whose outcome is unknown (timed out or cut off after being sent).</summary>
    public int Unknown => History.Count(o => o.Status == OperationStatus.Unknown);
}
