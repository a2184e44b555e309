using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Arbiter.Cli.App;
using Arbiter.Store.Node;
using Arbiter.Store.Server;

namespace Arbiter.Cli.Commands.StoreServe;

/// <summary>Runs one member until a signal (or <c>--duration</c>): Raft host, then gateway, then the ready line.</summary>
internal static class StoreServeRun
{
    /// <summary>The exit code of a member that stopped because it was removed from the cluster.</summary>
    public const int RemovedExit = 3;

    public static async Task<int> RunAsync(CliContext context, StoreServeRequest request)
    {
        bool embedded = request.Peers is null;
        IReadOnlyDictionary<int, IPEndPoint> peers = request.Peers
            ?? new Dictionary<int, IPEndPoint> { [request.Id] = new IPEndPoint(IPAddress.Loopback, 0) };
        var options = new RaftStoreBackendOptions
        {
            Id = request.Id,
            Peers = peers,
            DataDirectory = request.Data,
            TickInterval = request.Tick,
            ElectionTicks = request.ElectionTicks,
            SnapshotEvery = request.SnapshotEvery,
            Join = request.Join,
            LeaderWritesInParallel = !request.SerialLeaderWrite,
            ClientUrl = string.Create(CultureInfo.InvariantCulture, $"http://{request.Listen}"),
            Observer = observation =>
            {
                if (observation is Arbiter.Core.Distributed.Raft.RaftConfigurationChanged { Index: > 0 } changed)
                {
                    lock (context.Err)
                    {
                        context.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"arbiter store: member {changed.Node}: members now {changed.Configuration} (entry {changed.Index})"));
                    }
                }
                else if (observation is Arbiter.Core.Distributed.Raft.RaftRejoined rejoined)
                {
                    // Only a member whose record file had a torn or corrupt tail cut off on start gets here: it kept
                    // out of votes and elections until a leader of term T restored its log (the storage-loss guard).
                    lock (context.Err)
                    {
                        context.Err.WriteLine($"arbiter store: member {rejoined.Node}: its record file's tail was cut on start (torn or corrupt); restored by the leader of term {rejoined.Term}, voting again");
                    }
                }
                else if (observation is StoreLeaderChanged change)
                {
                    lock (context.Err)
                    {
                        context.Err.WriteLine(change.Leader == 0
                            ? $"arbiter store: member {change.Node}: no leader known (term {change.Term})"
                            : $"arbiter store: member {change.Node}: leader is {change.Leader}{(change.Leader == change.Node ? " (this member)" : "")}, term {change.Term}");
                    }
                }
            },
        };

        ProbeClientAddress(request.Listen);
        await using var backend = new RaftStoreBackend(options);
        IPEndPoint peer;
        try
        {
            peer = backend.Listen();
        }
        catch (SocketException e)
        {
            throw new InputException($"--peers: cannot listen on {peers[request.Id]} for Raft: {e.Message}");
        }

        GatewayServer gateway;
        try
        {
            backend.Start(embedded ? new Dictionary<int, IPEndPoint> { [request.Id] = peer } : null);
            gateway = await GatewayServer.StartAsync(request.Listen, backend).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new InputException($"--listen: cannot serve on {request.Listen}: {e.Message}");
        }

        await using (gateway)
        {
            // A restarted --join member whose log already makes it a member is simply ready.
            bool waiting = request.Join && !await backend.IsMemberAsync().ConfigureAwait(false);
            string storage = request.Data is { } dir ? $"data {Path.GetFullPath(dir)} (fsync'd)" : "in memory (no --data: lost on stop)";
            string peering = embedded ? "no peers (embedded)" : $"peers {peer} ({peers.Count} voters)";
            lock (context.Err)
            {
                context.Out.WriteLine(waiting
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"arbiter store: member {request.Id} waiting to join: clients {gateway.Address}, peers {peer} ({peers.Count - 1} other members), {storage}; add it with: arbiter store member add {RaftStoreBackend.PeerUrl(peer)} --learner")
                    : string.Create(CultureInfo.InvariantCulture,
                    $"arbiter store: member {request.Id} ready: clients {gateway.Address}, {peering}, {storage}"));
                context.Out.Flush();
            }

            using var stop = new CancellationTokenSource();
            if (request.Duration is { } limit)
            {
                stop.CancelAfter(limit);
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            while (!stop.IsCancellationRequested)
            {
                if (backend.Fault is { } fault)
                {
                    context.Err.WriteLine($"arbiter: internal error: member {request.Id} stopped: {fault.GetType().Name}: {fault.Message}");
                    return ArbiterApp.Fault;
                }

                if (backend.RemovedFromCluster is { IsCompleted: true } removed)
                {
                    // etcd's removed member: say so once and stop (records closed as on any stop, by the disposals).
                    string how = removed.Result.ToldBy == 0 ? "its own log says so" : $"member {removed.Result.ToldBy} says so";
                    lock (context.Err)
                    {
                        context.Err.WriteLine($"arbiter store: member {request.Id}: {StoreNode.RemovedMessage} ({how}); stopping");
                    }

                    return RemovedExit;
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        lock (context.Err)
        {
            context.Err.WriteLine($"arbiter store: member {request.Id} stopped");
        }

        return ArbiterApp.Ok;
    }

    /// <summary>Fails before anything starts (no leader line, no data directory) when the client address is taken.</summary>
    private static void ProbeClientAddress(IPEndPoint listen)
    {
        using var probe = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(listen);
        }
        catch (SocketException e)
        {
            throw new InputException($"--listen: cannot serve on {listen}: {e.Message}");
        }
    }
}
