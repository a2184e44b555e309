namespace Arbiter.Distributed.Samples;

/// <summary>Observed by a <see cref="PingPongNode"/> once every peer has answered every round.</summary>
/// <param name="Node">The node.</param>
/// <param name="Pongs">How many answers it received (rounds × peers without faults).</param>
public sealed record PingPongDone(int Node, int Pongs);
