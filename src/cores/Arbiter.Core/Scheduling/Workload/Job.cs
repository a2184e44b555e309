namespace Arbiter.Core.Scheduling.Workload;

/// <summary>
/// One job of a workload: when it arrives, how much CPU it needs (integer ticks) and, optionally, its I/O pattern
/// and the attributes the policies that use them read: <see cref="Priority"/> (priority scheduling; a smaller number
/// is more urgent), <see cref="Tickets"/> (lottery, stride, and the entitlement of the fairness index) and
/// <see cref="Nice"/> (CFS weight, −20 … 19).
/// </summary>
/// <param name="Name">Display name, unique in its workload (A, B, C … by default).</param>
/// <param name="Arrival">Tick at which the job becomes ready (≥ 0).</param>
/// <param name="Length">Ticks of CPU the job needs in all (≥ 1).</param>
/// <param name="Io">The I/O pattern, or null for a job that only computes.</param>
/// <param name="Priority">Priority for the priority policy: 0 is the most urgent; larger numbers wait.</param>
/// <param name="Tickets">Lottery and stride tickets (≥ 1).</param>
/// <param name="Nice">Linux nice value for CFS (−20 … 19); the weight comes from <c>NiceWeights</c>.</param>
public sealed record Job(string Name, long Arrival, long Length, IoPattern? Io = null, int Priority = 0, int Tickets = 100, int Nice = 0);
