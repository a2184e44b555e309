namespace Arbiter.Core.Distributed.Clocks;

/// <summary>
/// One step of a <see cref="LogicalTimeline"/>: a local event at <see cref="From"/> (when <see cref="To"/> is null),
/// or a message from <see cref="From"/> to <see cref="To"/>, sent and then received before the next step.
/// Processes are numbered from 1 (the seeds' P1, P2, …).
/// </summary>
/// <param name="From">The process of the local event, or the sender.</param>
/// <param name="To">The receiver; null for a local event.</param>
/// <param name="Label">An optional name (a local event's label).</param>
public sealed record TimelineStep(int From, int? To = null, string? Label = null);
