namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>Persisted by the coordinator on every grant and release: who holds the critical section.</summary>
/// <param name="Holder">The node granted the critical section; 0 when it is free.</param>
/// <param name="Id">The granted request's id.</param>
public readonly record struct CentralRecord(int Holder, long Id);
