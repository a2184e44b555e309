namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// One step of a reduction, for learners: process <paramref name="Process"/> gets its demand from Work, runs to
/// completion and returns its allocation, so Work grows from <paramref name="WorkBefore"/> to
/// <paramref name="WorkAfter"/>.
/// </summary>
/// <param name="Process">The process index that finishes.</param>
/// <param name="Demand">Its demand (Need for safety, Request for detection); ≤ <paramref name="WorkBefore"/>.</param>
/// <param name="WorkBefore">Work when it is chosen.</param>
/// <param name="WorkAfter">Work after it returns its allocation.</param>
public sealed record ReductionStep(int Process, IReadOnlyList<int> Demand, IReadOnlyList<long> WorkBefore, IReadOnlyList<long> WorkAfter);
