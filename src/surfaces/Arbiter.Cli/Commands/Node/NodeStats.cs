namespace Arbiter.Cli.Commands.Node;

/// <summary>The last line a node process prints: how many messages it sent (the simulator's <c>Counters.Sent</c>).</summary>
/// <param name="Node">The node.</param>
/// <param name="Sent">Messages it sent, to peers and to itself.</param>
internal sealed record NodeStats(int Node, long Sent);
