using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;
using Arbiter.Store.Replication.Sim;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// <c>arbiter sim raft</c>: the replicated store (Raft + MVCC store) on the simulator with simulated clients; their
/// history is written as JSON lines and checked for linearizability, with Raft's safety invariants checked throughout.
/// </summary>
internal static class RaftCommand
{
    /// <summary>The teaching example: with --faults random and serializable reads, this seed reads a stale value.</summary>
    internal const int StaleReadSeed = 4;

    /// <summary>The second example: with --faults random and --no-sessions, this seed applies a duplicated write twice.</summary>
    internal const int DuplicateSeed = 25;

    private static readonly string[] ReadModes = ["linearizable", "lease", "serializable"];

    public static Command Build(CliContext context)
    {
        var nodes = LabInput.CountOption("--nodes", "-n", "Raft servers, 1–9 (ids 1..N)", 5);
        var clients = LabInput.CountOption("--clients", "-c", "Clients, 1–16 (ids N+1..N+C), one operation at a time each", 3);
        var ops = LabInput.CountOption("--ops", "-k", "Operations in all, shared among the clients, 1–100000", 200);
        var keys = LabInput.CountOption("--keys", "-K", "Keys the workload touches, 1–100", 3);
        var readMode = new Option<string?>("--read-mode") { Description = "How gets are served: linearizable (ReadIndex), lease (leader lease), serializable (any server, local state) (default linearizable)" };
        var noSessions = new Option<bool>("--no-sessions") { Description = "Clients send bare commands (no client id and operation number): a duplicated proposal may then be applied twice" };
        var parallel = new Option<bool>("--parallel-write") { Description = "Leaders write new entries to their disk while sending them, counting their own copy once written (dissertation §10.2.1), as `arbiter store serve` does" };
        var disk = new Option<string>("--disk-latency") { Description = "How long a server's write takes to be durable (0, 500us, 5ms, ≤ 1s); messages that depend on it wait, and a crash loses writes under way (default 0)", DefaultValueFactory = _ => "0" };
        var history = new Option<string?>("--history") { Description = "Write the client history to FILE as JSON lines (the format of `arbiter check linearizability`)" };
        var seed = SimInput.SeedOption();
        var seeds = SimInput.SeedsOption();
        var faults = SimInput.FaultsOption();
        var json = CommonOptions.Json();
        var svg = SimInput.SvgOption();
        var command = new Command("raft", $$"""
            The replicated store on the deterministic simulator (seed capstone: Raft-based replicated key-value store).
            Servers 1..N run Raft (Ongaro & Ousterhout 2014) over the MVCC store; clients N+1..N+C run a seeded
            workload of get, put, cas (a txn: compare value, or create revision 0 for "absent", then put) and del on
            a few keys, one operation at a time, retrying NotLeader at the hinted server. A write unanswered by its
            timeout (1 s) is "unknown" and never re-sent. Checked: Raft's safety invariants after every event
            (election safety, log matching, leader completeness, state-machine safety); the clients' history for
            linearizability (Wing & Gong, per key); at the end, every replica's store byte-equal. Exit 0 whatever
            the verdict, 2 for bad input.
            --faults random: crashes, partitions (clients dealt over the sides) and a corrupt WAL tail over 3 s, on a
            network with 1–10 ms latency, 3% loss, 3% duplication, 20% reordering. A scripted partition that names no
            client gets the clients dealt round-robin over its sides; only servers crash.
            Writes carry (client, operation number) so that a duplicated proposal applies once (Raft's client
            sessions, Ongaro's dissertation §6.3); --no-sessions drops them and seed {{DuplicateSeed}} then applies a
            write twice. Serializable reads are served from any server's local state, which may lag: the checker
            finds a stale read on seed {{StaleReadSeed}} with --faults random --read-mode serializable.
            --disk-latency makes writes take time, so a crash can fall between a message and the write it follows;
            --parallel-write lets leaders send new entries before their own write finishes (the real server's mode).

            Examples:
              arbiter sim raft --nodes 5 --clients 3 --ops 200 --faults random --history run.jsonl
              arbiter sim raft --faults random --seed {{StaleReadSeed}} --read-mode serializable
              arbiter sim raft --nodes 3 --faults "partition {1}|{2,3} at 300ms, heal at 1s, crash 2 at 1200ms, restart 2 at 2s" --json
              arbiter sim raft --faults random --seed {{DuplicateSeed}} --no-sessions
              arbiter sim raft --seeds 1..200 --faults random
              arbiter sim raft --seeds 1..200 --faults random --parallel-write --disk-latency 5ms
              arbiter check linearizability run.jsonl
            """) { nodes, clients, ops, keys, readMode, noSessions, parallel, disk, history, seed, seeds, faults, json, svg };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int n = LabInput.Positive(parse, nodes, 9);
            int c = LabInput.Positive(parse, clients, 16);
            int k = LabInput.Positive(parse, ops, 100_000);
            int keyCount = LabInput.Positive(parse, keys, 100);
            RaftReadMode mode = LabInput.Choice(parse, readMode, ReadModes) switch
            {
                "lease" => RaftReadMode.Lease,
                "serializable" => RaftReadMode.Serializable,
                _ => RaftReadMode.Linearizable,
            };
            string? faultText = parse.GetValue(faults);
            string? historyFile = parse.GetValue(history);
            string? svgFile = parse.GetValue(svg);
            var clientIds = SimRaft.ClientIds(n, c);
            int runSeed = parse.GetValue(seed);
            (FaultSchedule schedule, NetworkOptions network) = Faults(faultText, n, clientIds, runSeed);
            var options = new SimRaftOptions
            {
                Servers = n, Clients = c, Operations = k, Keys = keyCount, ReadMode = mode, Seed = runSeed, Faults = schedule, Network = network,
                Sessions = !parse.GetValue(noSessions),
                LeaderWritesInParallel = parse.GetValue(parallel),
                DiskLatency = LabInput.ParseDuration(parse.GetValue(disk)!, "--disk-latency", TimeSpan.Zero, TimeSpan.FromSeconds(1)),
            };
            if (SimInput.Seeds(parse, seeds) is { } range)
            {
                if (historyFile is not null || svgFile is not null)
                {
                    throw new InputException($"{(historyFile is not null ? "--history" : "--svg")}: not with --seeds (rerun one seed with --seed to keep its history)");
                }

                return RaftCommandSweep.Run(context, parse.GetValue(json), options, range, s => Faults(faultText, n, clientIds, s));
            }

            RequireDirectory(historyFile, "--history");
            RequireDirectory(svgFile, "--svg");
            SimRaftReport report = SimRaft.Run(options with { RecordTrace = svgFile is not null });
            if (historyFile is not null)
            {
                AtomicFile.Write(historyFile, HistoryWriter.Format(report.History));
            }

            if (svgFile is not null)
            {
                AtomicFile.Write(svgFile, SpaceTimeRenderer.Render(SpaceTimePictures.FromRun(report.Result, $"raft store: {n} servers, {c} clients, seed {runSeed}")));
            }

            RaftCommandOutput.Write(context, parse.GetValue(json), report, faultText, historyFile);
            return ArbiterApp.Ok;
        }));
        return command;
    }

    /// <summary>The faults and network of one run: none, the random nemesis for the seed, or the script (servers only crash).</summary>
    internal static (FaultSchedule Schedule, NetworkOptions Network) Faults(string? text, int servers, IReadOnlyList<int> clients, int seed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (FaultSchedule.None, NetworkOptions.Reliable);
        }

        if (text.Trim().Equals("random", StringComparison.OrdinalIgnoreCase))
        {
            return (SimRaftFaults.Random(servers, clients, seed), SimRaftFaults.Network);
        }

        FaultSchedule schedule = SimInput.Faults(text, [.. NodeIds.Range(servers), .. clients], seed);
        if (schedule.Faults.FirstOrDefault(f => f.Node > servers) is { } onClient)
        {
            throw new InputException($"--faults: '{onClient}': node {onClient.Node} is a client; only servers (1..{servers}) crash, restart or lose their tail");
        }

        return (SimRaftFaults.WithClients(schedule, servers, clients), NetworkOptions.Reliable);
    }

    private static void RequireDirectory(string? file, string option)
    {
        if (file is null)
        {
            return;
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is null || !Directory.Exists(directory))
        {
            throw new InputException($"{option}: {file}: directory does not exist");
        }
    }
}
