using Arbiter.Distributed.Samples;

namespace Arbiter.Cli.Commands.Node;

/// <summary>The algorithms <c>arbiter node run</c> can host: one line each.</summary>
internal static class NodeAlgorithms
{
    public static IReadOnlyList<NodeAlgorithm> All { get; } =
    [
        NodeAlgorithm.Create<PingMessage, Arbiter.Core.Distributed.NoRecord>("ping", "every node pings every peer --param rounds=N times (the runtime's self-test)",
            (_, _, p) => new PingPongNode(NodeAlgorithm.IntParameter(p, "rounds", 10, 1, 1_000_000))),
    ];

    public static NodeAlgorithm? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}
