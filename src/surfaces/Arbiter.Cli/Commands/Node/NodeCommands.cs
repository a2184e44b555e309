using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Cli.Commands.Node;

/// <summary><c>arbiter node run</c>: one node of a distributed algorithm as a real process over TCP.</summary>
internal static class NodeCommands
{
    public static Command Build(CliContext context)
    {
        var node = new Command("node", "Run a node of a distributed algorithm as a real process over TCP");
        node.Subcommands.Add(BuildRun(context));
        return node;
    }

    private static Command BuildRun(CliContext context)
    {
        var id = new Option<int>("--id") { Description = "This node's id (one of --peers)", Required = true };
        var peers = new Option<string>("--peers") { Description = "Every member: ID=IP:PORT,ID=IP:PORT,… (this node included)", Required = true };
        var algorithm = new Option<string>("--algorithm", "-a")
        {
            Description = $"The algorithm: {string.Join(", ", NodeAlgorithms.All.Select(a => $"{a.Name} ({a.Description})"))}",
            Required = true,
        };
        var data = new Option<string?>("--data") { Description = "Directory of the node's record file (node-ID.records, fsync'd, recovered on restart)" };
        var duration = new Option<string?>("--duration", "-d") { Description = "Stop after this long (500ms, 10s, 2m); default: until Ctrl-C, or until stdin closes with --stdin" };
        var stdin = new Option<bool>("--stdin") { Description = "Read external inputs from stdin (one JSON message per line) and stop when stdin closes" };
        var waitForPeers = new Option<bool>("--wait-for-peers") { Description = "Start the algorithm only once every peer is listening (up to 30 s), so that the group's timers start together" };
        var parameters = new Option<string[]>("--param", "-p") { Description = "An algorithm parameter KEY=VALUE (repeatable), e.g. rounds=20", AllowMultipleArgumentsPerToken = false };
        var command = new Command("run", """
            Runs one node of a distributed algorithm as a real process: it listens on its own address of --peers,
            connects to the others (length-prefixed frames over TCP, reconnecting with backoff), keeps its records in
            an fsync'd file under --data, and prints each observation as one JSON line on stdout:
            {"node":2,"local_ms":…,"type":"…","value":{…}}; on exit a last line of type NodeStats gives the messages it sent.
            Every node of a group takes the same --param values (mutex requests=K is K in all, split over the group).
            Start one per id (or let `arbiter sim mutex|election|paxos|2pc|ping --real` do it).

            Examples:
              arbiter node run --id 1 --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003 --algorithm ping --duration 5s
              arbiter node run --id 2 --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003 -a ping -p rounds=100 --data /tmp/n2
              arbiter node run --id 3 --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003 -a mutex-ra -p requests=6 --duration 5s
              arbiter node run --id 1 --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003 -a bully -p latency-ms=50 --data /tmp/n1
            """) { id, peers, algorithm, data, duration, stdin, waitForPeers, parameters };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            IReadOnlyDictionary<int, System.Net.IPEndPoint> members;
            try
            {
                members = PeerList.Parse(parse.GetValue(peers)!);
            }
            catch (FormatException e)
            {
                throw new InputException($"--{e.Message}");
            }

            int self = parse.GetValue(id);
            if (!members.ContainsKey(self))
            {
                throw new InputException($"--id: node {self} is not in --peers ({string.Join(',', members.Keys)})");
            }

            string name = parse.GetValue(algorithm)!;
            NodeAlgorithm chosen = NodeAlgorithms.Find(name)
                ?? throw new InputException($"--algorithm: '{name}' is not one of {string.Join(", ", NodeAlgorithms.All.Select(a => a.Name))}");
            TimeSpan? limit = parse.GetValue(duration) is { } text ? LabInput.ParseDuration(text, "--duration", TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1)) : null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in parse.GetValue(parameters) ?? [])
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new InputException($"--param: '{pair}' is not KEY=VALUE");
                }

                values[pair[..eq]] = pair[(eq + 1)..];
            }

            var request = new NodeRunRequest(self, members, parse.GetValue(data), limit, parse.GetValue(stdin), values, parse.GetValue(waitForPeers));
            return chosen.RunAsync(context, request).GetAwaiter().GetResult();
        }));
        return command;
    }
}
