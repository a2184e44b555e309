namespace Arbiter.Core.Distributed.Clocks;

/// <summary>An event of a <see cref="LogicalTimeline"/>, with its Lamport and vector timestamps.</summary>
/// <param name="Index">Position in the timeline, from 0.</param>
/// <param name="Name">The event's name: the process and its event number, <c>P2.1</c>.</param>
/// <param name="Process">The process, from 1.</param>
/// <param name="Kind">Local, send or receive.</param>
/// <param name="Peer">The other process of a send or receive; 0 for a local event.</param>
/// <param name="Message">The message number (1-based, in order of sending); 0 for a local event.</param>
/// <param name="Label">The local event's label, if any.</param>
/// <param name="Lamport">Lamport timestamp.</param>
/// <param name="Vector">Vector timestamp (entry i-1 is process Pi).</param>
public sealed record TimelineEvent(int Index, string Name, int Process, TimelineEventKind Kind, int Peer, int Message, string? Label, long Lamport, VectorTimestamp Vector);
