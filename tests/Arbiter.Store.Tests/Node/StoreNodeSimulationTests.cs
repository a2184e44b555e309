using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;
using Arbiter.Store.Commands;
using Arbiter.Store.Node;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// <see cref="StoreNode"/> on the deterministic simulator: three servers and a client that is not a voter, the
/// current leader crashed and restarted three times while the client keeps a lease alive through whichever server it
/// reaches. Checked: Raft's safety invariants throughout; only a leader of its term ever proposes an expiry; a lease
/// ends on every server only by an applied entry (revoke or expiry), never while renewed; the renewed lease survives
/// every leader change and expires once renewals stop; the unrenewed one expires; replicas end equal.
/// </summary>
public sealed class StoreNodeSimulationTests
{
    private static readonly TimeSpan StopRenewing = TimeSpan.FromSeconds(6);

    private sealed record Applied(int Server, TimeSpan At, StoreResult Result);

    private static (SimulationResult Result, Simulation<RaftMessage, RaftRecord> Simulation, LeaseSimClient Client, List<Applied> Applied, List<TimeSpan> Crashes)
        Run(int seed)
    {
        IReadOnlyList<int> servers = NodeIds.Range(3);
        var options = new RaftNodeOptions { Raft = RaftScenario.DefaultOptions(3), SnapshotEvery = 0 };
        var applied = new List<Applied>();
        var client = new LeaseSimClient(servers, StopRenewing);
        var checker = new RaftSafetyChecker();
        var crashes = new List<TimeSpan>();
        Simulation<RaftMessage, RaftRecord>? simulation = null;
        simulation = new Simulation<RaftMessage, RaftRecord>(new SimulationOptions<RaftMessage, RaftRecord>
        {
            Seed = seed,
            Nodes = [.. servers, 4],
            NodeFactory = id =>
            {
                if (id == 4)
                {
                    return client;
                }

                var node = new StoreNode(options);
                node.Applied += (_, e) => applied.Add(new Applied(id, node.Now, e.Result));
                return node;
            },
            Invariants = checker.Invariants(),
            Until = TimeSpan.FromSeconds(12),
        });
        foreach (double at in (double[])[1.5, 3.0, 4.5])
        {
            simulation.At(TimeSpan.FromSeconds(at), s =>
            {
                int leader = servers.FirstOrDefault(id => s.IsUp(id) && s.NodeOf(id) is StoreNode { Core.Role: RaftRole.Leader });
                if (leader != 0)
                {
                    crashes.Add(s.Now);
                    s.Crash(leader);
                    s.At(s.Now + TimeSpan.FromMilliseconds(700), again => again.Restart(leader));
                }
            });
        }

        return (simulation.Run(), simulation, client, applied, crashes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void LeaderCrashes_KeepAliveThroughAnyServer_LeaseLivesWhileRenewedAndExpiresOnlyThroughTheLog(int seed)
    {
        var (result, simulation, client, applied, crashes) = Run(seed);

        Assert.Empty(result.Violations);
        Assert.Equal(3, crashes.Count); // three leader changes happened while the lease was being renewed
        Assert.NotNull(client.SetUpAt);

        // Only a leader, in a term it won, ever decides an expiry.
        var leaders = result.Observed<RaftBecameLeader>().Select(o => (o.Value.Node, o.Value.Term)).ToHashSet();
        var proposals = result.Observed<LeaseExpiryProposed>().Select(o => o.Value).ToList();
        Assert.NotEmpty(proposals);
        Assert.All(proposals, p => Assert.Contains((p.Node, p.Term), leaders));

        // A lease ends on a server only by an applied LeaseExpireCommand (no revoke was sent), on every server alike.
        var ends = applied.Where(a => a.Result.EndedLeases.Count > 0).ToList();
        Assert.All(ends, a => Assert.IsType<LeaseExpireCommand>(a.Result.Command));
        foreach (long lease in (long[])[LeaseSimClient.Renewed, LeaseSimClient.Lapsed])
        {
            var where = ends.Where(a => a.Result.EndedLeases.Any(e => e.Id == lease)).ToList();
            Assert.Single(where.Select(a => a.Result.Index).Distinct()); // one log entry ended it
        }

        // Renewed: every keep-alive answered with a full TTL (never 0: it never lapsed, even across leader changes),
        // through several servers, and the expiry applied nowhere before the last renewal's TTL ran out.
        Assert.True(client.KeepAlives.Count >= 8, $"only {client.KeepAlives.Count} keep-alives answered");
        Assert.All(client.KeepAlives, k => Assert.Equal(2, k.Ttl));
        TimeSpan lastRenewal = client.KeepAlives.Max(k => k.At);
        Assert.True(lastRenewal > crashes[^1], "renewals went on after the last leader change");
        TimeSpan renewedEnd = ends.Where(a => a.Result.EndedLeases.Any(e => e.Id == LeaseSimClient.Renewed)).Min(a => a.At);
        Assert.True(renewedEnd >= lastRenewal + TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(100),
            $"lease {LeaseSimClient.Renewed} expired at {renewedEnd.TotalMilliseconds} ms, renewed last at {lastRenewal.TotalMilliseconds} ms with TTL 2 s");

        // Followers served requests: keep-alives answered by a server other than the leader of the moment (the
        // latest node to win an election by then), which can only have forwarded them to the leader.
        var elected = result.Observed<RaftBecameLeader>().Select(o => (o.Observation.Time, o.Value.Node)).OrderBy(e => e.Time).ToList();
        int byFollowers = client.KeepAlives.Count(k => elected.Last(e => e.Time <= k.At).Node != k.Server);
        Assert.True(byFollowers >= 3, $"only {byFollowers} keep-alives were answered by followers");

        // Both keys are gone on every server, and the replicas agree byte for byte.
        var snapshots = NodeIds.Range(3).Select(id => (StoreNode)simulation.NodeOf(id)!).ToList();
        Assert.All(snapshots, n =>
        {
            Assert.Null(n.Replica.Machine.Kv.Get(LeaseSimClient.RenewedKey));
            Assert.Null(n.Replica.Machine.Kv.Get(LeaseSimClient.LapsedKey));
        });
        Assert.All(snapshots, n => Assert.Equal(snapshots[0].Replica.Snapshot(), n.Replica.Snapshot()));
    }
}
