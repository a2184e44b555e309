namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>The outcome of the Banker's safety check.</summary>
/// <param name="Safe">True when every process can obtain its remaining claim (Need) in some order.</param>
/// <param name="Sequence">Process indices in the canonical finishing order; a safe sequence when
/// <paramref name="Safe"/>, otherwise only the processes that could finish before the rest got stuck.</param>
/// <param name="Unfinished">Processes that cannot be guaranteed to finish, ascending; empty when safe.</param>
public sealed record SafetyResult(bool Safe, IReadOnlyList<int> Sequence, IReadOnlyList<int> Unfinished);
