using System.Net;
using System.Text.Json;
using Arbiter.Store.Gateway;
using Arbiter.Store.Server;

namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>Arbiter's own commands (sem, rwlock, barrier, locks) through the real gateway against a scripted backend.</summary>
public class StoreArbiterCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(GatewayServer server, params string[] args)
    {
        int split = Array.IndexOf(args, "--");
        string[] full = split < 0
            ? ["store", .. args, "--endpoints", server.Address.ToString()]
            : ["store", .. args[..split], "--endpoints", server.Address.ToString(), .. args[split..]];
        return await Task.Run(() => CliRunner.Run(full));
    }

    [Fact]
    public async Task Sem_WithACommand_HoldsThePermitsWhileItRunsThenReleasesAndRevokes()
    {
        var backend = new ScriptedCoordinationBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        using var dir = new TempDirectory();
        string seen = Path.Combine(dir.Path, "token");

        var (code, output, error) = await RunAsync(server, "sem", "gpus", "--permits", "4", "--units", "3", "--owner", "alice", "--", "sh", "-c", $"echo $ARBITER_FENCING_TOKEN > {seen}; exit 4");

        Assert.Equal(4, code);
        Assert.Empty(error);
        string token = File.ReadAllText(seen).Trim();
        Assert.Matches($"^acquired 3 of 4 permits of gpus, fencing token {token}, lease [0-9a-f]+$", output.TrimEnd());
        var acquire = Assert.IsType<WireAcquireRequest>(backend.Requests.First());
        Assert.Equal(("gpus", 4, 3, "alice", false), (acquire.Name, acquire.Permits, acquire.Units, acquire.Owner, acquire.Try));
        Assert.Contains(backend.Requests, r => r is WireReleaseRequest { Name: "gpus" } release && release.Lease == acquire.Lease);
        Assert.Contains(backend.Requests, r => r is WireLeaseIdRequest revoke && revoke.Id == acquire.Lease);
        Assert.Equal(0, backend.HeldUnits("gpus"));
    }

    [Fact]
    public async Task Sem_TryWhenTheDetachedHolderHasThePermits_RefusedExit1WithTheEndpoint()
    {
        var backend = new ScriptedCoordinationBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);

        var held = await RunAsync(server, "sem", "pool", "-n", "2", "-k", "2", "--detach", "--json");
        var tried = await RunAsync(server, "sem", "pool", "-n", "2", "--try");

        JsonElement grant = JsonDocument.Parse(held.Out).RootElement;
        Assert.Equal((0, "pool", 2, 2), (held.Code, grant.GetProperty("name").GetString(), grant.GetProperty("permits").GetInt32(), grant.GetProperty("units").GetInt32()));
        Assert.Equal(2, backend.HeldUnits("pool")); // detached: still held by its lease
        Assert.Equal((1, $"arbiter: semaphore pool: 0 of 2 permits free, 1 asked ({server.Address.ToString().TrimEnd('/')})"), (tried.Code, tried.Err.TrimEnd()));
        Assert.Empty(tried.Out);
    }

    [Fact]
    public async Task Sem_WaitShorterThanTheHold_GivesUpExit1AndWithdrawsByRevokingItsLease()
    {
        var backend = new ScriptedCoordinationBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        await RunAsync(server, "sem", "one", "-n", "1", "--detach");

        var (code, output, error) = await RunAsync(server, "sem", "one", "-n", "1", "--wait", "300ms");

        Assert.Equal((1, "", "arbiter: semaphore one: not granted within 0.3 s"), (code, output, error.TrimEnd()));
        long waiter = backend.Requests.OfType<WireAcquireRequest>().Last().Lease;
        Assert.Contains(backend.Requests, r => r is WireLeaseIdRequest revoke && revoke.Id == waiter);
    }

    [Fact]
    public async Task RwLock_WriteJson_TheModeTokenAndLeaseReported()
    {
        var backend = new ScriptedCoordinationBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);

        var (code, output, _) = await RunAsync(server, "rwlock", "catalog", "--write", "--json", "--", "true");

        JsonElement grant = JsonDocument.Parse(output).RootElement;
        Assert.Equal((0, "write"), (code, grant.GetProperty("mode").GetString()));
        var request = Assert.IsType<WireReadWriteLockRequest>(backend.Requests.First());
        Assert.True(request.Write);
        Assert.Equal(request.Lease.ToString("x", System.Globalization.CultureInfo.InvariantCulture), grant.GetProperty("lease").GetString());
    }

    [Fact]
    public async Task Barrier_OneParty_PassesWithTheReleasingToken()
    {
        var backend = new ScriptedCoordinationBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);

        var (code, output, _) = await RunAsync(server, "barrier", "phase", "--parties", "1");

        Assert.Equal(0, code);
        Assert.Matches("^passed phase: all 1 parties arrived, fencing token 555, lease [0-9a-f]+$", output.TrimEnd());
    }

    [Fact]
    public async Task Barrier_OthersNeverArrive_WaitGivesUpExit1()
    {
        var backend = new ScriptedCoordinationBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);

        var (code, _, error) = await RunAsync(server, "barrier", "phase", "--parties", "3", "--wait", "200ms");

        Assert.Equal((1, "arbiter: barrier phase: not granted within 0.2 s"), (code, error.TrimEnd()));
    }

    [Fact]
    public async Task LocksGraph_TwoOwnersWaitingOnEachOther_TheCycleIsListedAndMarked()
    {
        var backend = new ScriptedCoordinationBackend { Graph = TwoWayDeadlock() };
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);

        var (code, output, error) = await RunAsync(server, "locks", "--graph");

        Assert.Equal((0, ""), (code, error));
        Assert.Contains("deadlock cycle: alice → bob → alice", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("CYCLE", StringComparison.Ordinal)));
        Assert.DoesNotContain(output.Split('\n'), l => l.Contains("carol", StringComparison.Ordinal) && l.Contains("CYCLE", StringComparison.Ordinal));
        Assert.Contains("3 owners, 2 resources, 3 waits, 1 cycles; deadlocks broken so far: 4", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocksJsonAndSvg_CycleMembersFlagged_PictureWritten()
    {
        var backend = new ScriptedCoordinationBackend { Graph = TwoWayDeadlock() };
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        using var dir = new TempDirectory();
        string svg = Path.Combine(dir.Path, "waits.svg");

        var (code, output, _) = await RunAsync(server, "locks", "--json", "--svg", svg);

        JsonElement root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(0, code);
        Assert.Equal(["a", "b"], root.GetProperty("cycles")[0].EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal([true, true, false], root.GetProperty("waits_for").EnumerateArray().Select(e => e.GetProperty("on_cycle").GetBoolean()));
        string picture = File.ReadAllText(svg);
        Assert.StartsWith("<svg", picture, StringComparison.Ordinal);
        Assert.Contains("cycle: alice → bob → alice", picture, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocksSvg_DirectoryMissing_Exit2NothingAsked()
    {
        var backend = new ScriptedCoordinationBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);

        var (code, output, error) = await RunAsync(server, "locks", "--svg", "/nonexistent-dir/w.svg");

        Assert.Equal((2, "", "arbiter: --svg: /nonexistent-dir/w.svg: directory does not exist"), (code, output, error.TrimEnd()));
    }

    /// <summary>alice (0xa) holds m and waits for s; bob (0xb) holds s and waits for m; carol (0xc) queues behind on s.</summary>
    private static WireGraphResponse TwoWayDeadlock() => new()
    {
        Header = new WireHeader { Revision = 90 },
        Owners = [new WireGraphOwner { Lease = 0xa, Name = "alice" }, new WireGraphOwner { Lease = 0xb, Name = "bob" }, new WireGraphOwner { Lease = 0xc, Name = "carol" }],
        Resources = [new WireGraphResource { Name = "m", Kind = "mutex", Capacity = 1, HeldUnits = 1, Waiting = 1 }, new WireGraphResource { Name = "s", Kind = "semaphore", Capacity = 2, HeldUnits = 2, Waiting = 2 }],
        Holds = [new WireGraphEdge { Resource = "m", Lease = 0xa, Units = 1, Exclusive = true, Token = 80 }, new WireGraphEdge { Resource = "s", Lease = 0xb, Units = 2, Token = 81 }],
        Waits = [new WireGraphEdge { Resource = "s", Lease = 0xa, Units = 1, Since = 85 }, new WireGraphEdge { Resource = "m", Lease = 0xb, Units = 1, Exclusive = true, Since = 86 }, new WireGraphEdge { Resource = "s", Lease = 0xc, Units = 1, Since = 87, Position = 1 }],
        WaitsFor =
        [
            new WireWaitsFor { From = 0xa, To = 0xb, Resource = "s", Reason = "holder" },
            new WireWaitsFor { From = 0xb, To = 0xa, Resource = "m", Reason = "holder" },
            new WireWaitsFor { From = 0xc, To = 0xa, Resource = "s", Reason = "queued_ahead" },
        ],
        DeadlocksBroken = 4,
    };
}
