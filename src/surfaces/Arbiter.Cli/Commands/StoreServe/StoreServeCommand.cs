using System.CommandLine;
using System.Net;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Cli.Commands.StoreServe;

/// <summary>
/// <c>arbiter store serve</c>: one member of the replicated store — Raft over TCP between members, etcd v3's JSON
/// gateway over HTTP for clients. Without <c>--peers</c> it is the embedded single member (no peers, still fsync'd).
/// </summary>
internal static class StoreServeCommand
{
    public static Command Build(CliContext context)
    {
        var id = new Option<int>("--id") { Description = "This member's id (one of --peers)", DefaultValueFactory = _ => 1 };
        var listen = new Option<string>("--listen") { Description = "The client (HTTP) address IP:PORT", DefaultValueFactory = _ => "127.0.0.1:2379" };
        var peers = new Option<string?>("--peers") { Description = "Every member's Raft address: ID=IP:PORT,… (this member included); none: one embedded member" };
        var data = new Option<string?>("--data") { Description = "Directory of the fsync'd Raft log (node-ID.records); none: in memory, lost on stop" };
        var tick = new Option<string>("--tick") { Description = "One Raft tick, the heartbeat interval", DefaultValueFactory = _ => "50ms" };
        var electionTicks = new Option<int>("--election-ticks") { Description = "Election timeout in ticks, randomised up to twice", DefaultValueFactory = _ => 10 };
        var snapshotEvery = new Option<int>("--snapshot-every") { Description = "Snapshot and compact the log about every N applied entries (member ID adds (ID mod 8)/8 of N, so members do not pause together; written in the background); 0 never", DefaultValueFactory = _ => 10_000 };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (500ms, 10s, 2m); default: until SIGTERM or Ctrl-C" };
        var join = new Option<bool>("--join") { Description = "A new member of a running store: wait until `arbiter store member add` makes it one (needs --peers: the existing members and this one)" };
        var serial = new Option<bool>("--serial-leader-write") { Description = "The leader writes new entries to its disk before sending them (the textbook order) instead of in parallel with the followers (dissertation §10.2.1); for comparison" };
        var command = new Command("serve", """
            Runs one member of Arbiter's replicated store: a Raft member over TCP (--peers, fsync'd log under --data)
            serving etcd v3's JSON gateway to clients on --listen (POST /v3/kv/put, /v3/kv/range, /v3/lease/grant,
            /v3/lock/lock, /v3/watch, … plus Arbiter's /arbiter/v1/semaphore, rwlock, barrier and locks/graph), so
            etcd's clients, curl and `arbiter bench store` drive it unchanged. Any member serves any request: a
            follower forwards writes and linearizable reads to the leader and answers once it has applied the result
            itself. Leases expire only when the leader decides so, through the log. Without --peers it is the embedded
            default: one member with no peers (still fsync'd to --data). Prints one line when ready on stdout and each
            change of leader and of membership on stderr; stops cleanly on SIGTERM or Ctrl-C. With --join it is a new
            member of a running store: it waits, neither voting nor campaigning, until a member add (as a learner,
            then promote) puts it in the configuration; its peers' addresses then come from the log, as they do for
            every member after a restart. The leader writes new entries to its disk in parallel with sending them
            (its own copy counts toward a majority once it is on disk); --serial-leader-write restores the textbook
            order, for comparison. A member removed from the cluster (`arbiter store member remove`) notices — its own
            log, or a member answering the probe it sends while it knows no leader — prints "the member has been
            permanently removed from the cluster" on stderr and stops with exit code 3, as etcd's removed member does.
            A restarted --join member whose log already makes it a member prints the ordinary ready line.

            Exit codes: 0 stopped (SIGTERM, Ctrl-C, --duration); 1 internal fault; 2 bad input; 3 removed from the cluster.

            Examples:
              arbiter store serve
              arbiter store serve --id 1 --listen 127.0.0.1:2379 --data /tmp/arbiter-1
              arbiter store serve --id 1 --listen 127.0.0.1:2379 --peers 1=127.0.0.1:2380,2=127.0.0.1:2382,3=127.0.0.1:2384 --data /tmp/s1
              arbiter store serve --id 2 --listen 127.0.0.1:2381 --peers 1=127.0.0.1:2380,2=127.0.0.1:2382,3=127.0.0.1:2384 --data /tmp/s2 --tick 20ms
              arbiter store serve --id 4 --listen 127.0.0.1:2385 --peers 1=127.0.0.1:2380,2=127.0.0.1:2382,3=127.0.0.1:2384,4=127.0.0.1:2386 --data /tmp/s4 --join
            """) { id, listen, peers, data, tick, electionTicks, snapshotEvery, duration, join, serial };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int self = parse.GetValue(id);
            if (self < 1)
            {
                throw new InputException($"--id: must be a positive integer, got {self}");
            }

            string listenText = parse.GetValue(listen)!;
            if (!IPEndPoint.TryParse(listenText, out IPEndPoint? client) || !listenText.Contains(':', StringComparison.Ordinal) || client.Port == 0)
            {
                throw new InputException($"--listen: '{listenText}' is not IP:PORT with a numeric IP and a port 1-65535");
            }

            IReadOnlyDictionary<int, IPEndPoint>? members = null;
            if (parse.GetValue(peers) is { } peerText)
            {
                try
                {
                    members = PeerList.Parse(peerText);
                }
                catch (FormatException e)
                {
                    throw new InputException($"--{e.Message}");
                }

                if (!members.ContainsKey(self))
                {
                    throw new InputException($"--peers: member {self} (--id) is not among them ({string.Join(',', members.Keys)})");
                }

                if (members[self].Equals(client))
                {
                    throw new InputException($"--listen: {client} is also member {self}'s Raft address in --peers");
                }
            }

            bool joining = parse.GetValue(join);
            if (joining && (members is null || members.Count < 2))
            {
                throw new InputException("--join: needs --peers with the running members and this one (ID=IP:PORT,…)");
            }

            int election = parse.GetValue(electionTicks);
            if (election is < 2 or > 10_000)
            {
                throw new InputException($"--election-ticks: must be between 2 and 10000, got {election}");
            }

            int snapshots = parse.GetValue(snapshotEvery);
            if (snapshots < 0)
            {
                throw new InputException($"--snapshot-every: must be 0 (never) or positive, got {snapshots}");
            }

            var request = new StoreServeRequest(
                self,
                client,
                members,
                parse.GetValue(data),
                LabInput.ParseDuration(parse.GetValue(tick)!, "--tick", TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10)),
                election,
                snapshots,
                parse.GetValue(duration) is { } limit ? LabInput.ParseDuration(limit, "--duration", TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(365)) : null)
            {
                Join = joining,
                SerialLeaderWrite = parse.GetValue(serial),
            };
            return StoreServeRun.RunAsync(context, request).GetAwaiter().GetResult();
        }));
        return command;
    }
}
