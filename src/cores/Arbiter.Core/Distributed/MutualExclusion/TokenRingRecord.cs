namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>Persisted by a token-ring node whenever it accepts a token or an invalidation.</summary>
/// <param name="Epoch">The oldest epoch this node still accepts.</param>
/// <param name="Hop">The last hop of that epoch's token this node accepted (−1: none yet).</param>
public readonly record struct TokenRingRecord(TokenEpoch Epoch, long Hop);
