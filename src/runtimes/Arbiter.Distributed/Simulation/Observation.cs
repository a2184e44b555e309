namespace Arbiter.Distributed.Simulation;

/// <summary>An observation a node reported (<c>context.Observe</c>), with when and where.</summary>
/// <param name="Time">True time of the call that reported it.</param>
/// <param name="LocalTime">The node's local clock at that moment.</param>
/// <param name="Node">The node.</param>
/// <param name="Value">What the node reported.</param>
public sealed record Observation(TimeSpan Time, TimeSpan LocalTime, int Node, object Value);
