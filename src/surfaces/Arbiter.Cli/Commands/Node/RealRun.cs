using Arbiter.Cli.App;
using Arbiter.Distributed.Tcp;
using Arbiter.Ipc;

namespace Arbiter.Cli.Commands.Node;

/// <summary>
/// The generic part of <c>arbiter sim … --real</c>: starts one <c>arbiter node run</c> process per node
/// on loopback, with <c>--stdin</c> so the caller can inject inputs and stop them.
/// </summary>
internal static class RealRun
{
    /// <summary>Launches the group; <paramref name="parameters"/> become <c>--param k=v</c>.</summary>
    public static RealCluster Launch(string algorithm, IReadOnlyList<int> nodes, IReadOnlyDictionary<string, string>? parameters = null)
    {
        PeerLauncher self = PeerLaunchers.ForProgram(typeof(ArbiterApp).Assembly.Location, "node", "run");
        var extra = new List<string> { "--algorithm", algorithm, "--stdin", "--wait-for-peers" };
        foreach (var (key, value) in parameters ?? new Dictionary<string, string>())
        {
            extra.Add("--param");
            extra.Add($"{key}={value}");
        }

        return RealCluster.Launch(nodes, args => self([.. args, .. extra]));
    }
}
