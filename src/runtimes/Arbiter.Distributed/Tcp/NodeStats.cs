namespace Arbiter.Distributed.Tcp;

/// <summary>
/// The last line a node process prints on exit (as a <see cref="NodeObservation"/> of this type): how many messages
/// it sent, counted as the simulator's <c>Counters.Sent</c>. <see cref="RealCluster"/> keeps these apart from the
/// algorithm's observations.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="Sent">Messages it sent, to peers and to itself.</param>
public sealed record NodeStats(int Node, long Sent);
