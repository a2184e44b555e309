namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// Why a key is not linearizable, in terms a person can act on: the longest prefix of operations that can be
/// linearized (Porcupine's partial linearization), the value after it, and every operation that real time allows
/// next, each refused by the model. (When the prefix is the longest, every such operation is refused: one the model
/// accepted would have made a longer prefix.)
/// </summary>
/// <param name="LongestPrefix">History indices, in linearization order.</param>
/// <param name="ValueAfterPrefix">The key's value after the prefix (null: absent).</param>
/// <param name="Stuck">The operations that could come next, each with the reason it cannot.</param>
public sealed record ViolationEvidence(IReadOnlyList<int> LongestPrefix, string? ValueAfterPrefix, IReadOnlyList<StuckOperation> Stuck);
