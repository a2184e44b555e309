namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// What <see cref="WingGongChecker"/> found for one partition. <see cref="Order"/> lists operation indices: a whole
/// linearization when <see cref="Verdict"/> is Linearizable, otherwise the longest linearizable prefix the search met
/// (Porcupine's partial linearization).
/// </summary>
/// <param name="Verdict">The answer.</param>
/// <param name="Order">Indices into the operations, in linearization order.</param>
/// <param name="Steps">Search steps taken (each visit of a list entry).</param>
/// <param name="CacheEntries">Distinct (linearized set, state) pairs remembered.</param>
public sealed record SearchOutcome(LinearizabilityVerdict Verdict, IReadOnlyList<int> Order, long Steps, int CacheEntries);
