using System.Net;

namespace Arbiter.Cli.Commands.Node;

/// <summary>What <c>arbiter node run</c> was asked: which node, its peers, where to keep records, how long to run.</summary>
/// <param name="Id">This node's id.</param>
/// <param name="Peers">Every member and its address.</param>
/// <param name="DataDirectory">Where the node's record file lives; null keeps records in memory.</param>
/// <param name="Duration">Stop after this long; null runs until stdin closes (with --stdin) or Ctrl-C.</param>
/// <param name="Stdin">Read external inputs from stdin, one JSON message per line, and stop when it closes.</param>
/// <param name="Parameters">The algorithm's parameters (<c>--param rounds=20</c>).</param>
/// <param name="WaitForPeers">Start the node only once every peer listens (so a group's timers start together).</param>
internal sealed record NodeRunRequest(int Id, IReadOnlyDictionary<int, IPEndPoint> Peers, string? DataDirectory, TimeSpan? Duration, bool Stdin,
    IReadOnlyDictionary<string, string> Parameters, bool WaitForPeers = false);
