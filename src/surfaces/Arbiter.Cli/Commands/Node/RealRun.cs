using System.CommandLine;
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
    /// <summary>The <c>--real</c> option of a <c>sim</c> command.</summary>
    public static Option<bool> Option() =>
        new("--real") { Description = "Also run the nodes as separate processes over TCP on loopback, check them the same way, and compare with the simulator" };

    /// <summary>Refuses <c>--real</c> with faults or a seed sweep (one line, exit 2): real processes are run fault-free, once.</summary>
    public static void Check(ParseResult parse, Option<bool> real, string? faults, Option<string?> seeds)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (!parse.GetValue(real))
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(faults))
        {
            throw new InputException("--real: faults are not injected into real processes; drop --faults (or --real)");
        }

        if (parse.GetValue(seeds) is not null)
        {
            throw new InputException("--real: runs once, not over a seed range; drop --seeds (or --real)");
        }
    }

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
