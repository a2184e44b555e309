namespace Arbiter.Core.Resources;

/// <summary>The scalar attributes of a process in a <see cref="ResourceLedger"/> (its vectors live in the ledger).</summary>
/// <param name="Name">Unique process name.</param>
/// <param name="Priority">Higher means more important (costlier to choose as a victim).</param>
/// <param name="CpuTime">CPU time consumed so far (work lost if it is terminated).</param>
/// <param name="Rollbacks">Times it has already been rolled back (guards against starvation).</param>
public sealed record ProcessInfo(string Name, int Priority, double CpuTime, int Rollbacks);
