using System.Collections.Concurrent;
using System.Net;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;
using Arbiter.Store.Server;
using Arbiter.Store.Tests.Server;

namespace Arbiter.Store.Tests.Client;

/// <summary>
/// The client's calls on Arbiter's own paths (/arbiter/v1/…), through the real gateway and Kestrel, against a
/// backend that records each request and answers from a script: what goes on the wire and what comes back.
/// </summary>
public class StoreClientArbiterPathsTests
{
    [Fact]
    public async Task SemaphoreAcquireAndRelease_RequestFieldsArriveAndTheTokenComesBack()
    {
        var backend = new RecordingBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        using var client = new StoreClient([server.Address]);

        WireGrantResponse granted = await client.SemaphoreAcquireAsync(new WireAcquireRequest { Name = "gpus", Permits = 4, Units = 3, Lease = 0x7000000000000001, Owner = "alice", Try = true });
        await client.SemaphoreReleaseAsync("gpus", 0x7000000000000001);

        Assert.Equal(("gpus", 4003L + 0x7000000000000001), (granted.Name, granted.Token));
        var acquire = Assert.IsType<WireAcquireRequest>(backend.Requests.First());
        Assert.Equal(("gpus", 4, 3, 0x7000000000000001, "alice", true), (acquire.Name, acquire.Permits, acquire.Units, acquire.Lease, acquire.Owner, acquire.Try));
        Assert.Equal(new WireReleaseRequest { Name = "gpus", Lease = 0x7000000000000001 }, backend.Requests.Last());
    }

    [Fact]
    public async Task ReadWriteLockAndBarrier_ReachTheirOwnPaths()
    {
        var backend = new RecordingBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        using var client = new StoreClient([server.Address]);

        long write = (await client.ReadWriteLockAsync(new WireReadWriteLockRequest { Name = "catalog", Write = true, Lease = 5 })).Token;
        long read = (await client.ReadWriteLockAsync(new WireReadWriteLockRequest { Name = "catalog", Write = false, Lease = 6 })).Token;
        await client.ReadWriteUnlockAsync("catalog", 5);
        long passed = (await client.BarrierArriveAsync(new WireArriveRequest { Name = "phase", Parties = 3, Lease = 7 })).Token;

        Assert.Equal((1005L, 6L, 3007L), (write, read, passed)); // the script's tokens: 1000·write + lease, 1000·parties + lease
        Assert.Equal(4, backend.Requests.Count);
        Assert.Equal(new WireReleaseRequest { Name = "catalog", Lease = 5 }, backend.Requests.ElementAt(2));
    }

    [Fact]
    public async Task Graph_EveryFieldSurvivesTheWire()
    {
        var backend = new RecordingBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        using var client = new StoreClient([server.Address]);

        WireGraphResponse graph = await client.GraphAsync();

        Assert.Equal(RecordingBackend.Graph.Owners, graph.Owners);
        Assert.Equal(RecordingBackend.Graph.Resources, graph.Resources);
        Assert.Equal(RecordingBackend.Graph.Holds, graph.Holds);
        Assert.Equal(RecordingBackend.Graph.Waits, graph.Waits);
        Assert.Equal(RecordingBackend.Graph.WaitsFor, graph.WaitsFor);
        Assert.Equal(2, graph.DeadlocksBroken);
    }

    [Theory]
    [InlineData(10, 409)] // aborted: the wait was a deadlock victim
    [InlineData(9, 412)]  // failed precondition: --try and not free (412, as etcd 3.4's gateway)
    public async Task Refusal_CodeAndStatusReachTheCaller(int code, int status)
    {
        var backend = new RecordingBackend { Refuse = code };
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        using var client = new StoreClient([server.Address]);

        var e = await Assert.ThrowsAsync<StoreException>(() => client.SemaphoreAcquireAsync(new WireAcquireRequest { Name = "gpus", Permits = 1, Lease = 1 }));

        Assert.Equal((status, code, $"refused with {code}"), (e.Status, e.Code, e.Message));
        Assert.Equal(server.Address, client.CurrentEndpoint);
    }

    [Fact]
    public async Task Acquire_WaitsLongerThanTheTimeout_StillGranted()
    {
        var backend = new RecordingBackend { Delay = TimeSpan.FromMilliseconds(700) };
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        using var client = new StoreClient([server.Address], timeout: TimeSpan.FromMilliseconds(200));

        WireGrantResponse granted = await client.SemaphoreAcquireAsync(new WireAcquireRequest { Name = "slow", Permits = 1, Units = 1, Lease = 1 });
        var graph = await Assert.ThrowsAsync<StoreException>(() => client.GraphAsync()); // a plain call is bounded

        Assert.Equal(1002, granted.Token); // 1000·permits + units + lease
        Assert.True(graph.Indeterminate);
    }

    [Fact]
    public async Task Status_AskedOfOneEndpoint_NeverFailsOverToAnother()
    {
        var backend = new RecordingBackend();
        await using var server = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend);
        var dead = new Uri("http://127.0.0.1:9/");
        using var client = new StoreClient([server.Address, dead]);

        WireStatusResponse alive = await client.StatusAsync(server.Address);
        var e = await Assert.ThrowsAsync<StoreException>(() => client.StatusAsync(dead));

        Assert.Equal(42UL, alive.Header!.MemberId);
        Assert.Contains("127.0.0.1:9", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Records each Arbiter request and answers from a script (tokens computed from the request).</summary>
    private sealed class RecordingBackend : RefusingStoreBackend
    {
        public static readonly WireGraphResponse Graph = new()
        {
            Header = new WireHeader { Revision = 77 },
            Owners = [new WireGraphOwner { Lease = 1, Name = "alice", FirstSeen = 10 }, new WireGraphOwner { Lease = 2, Name = "bob", FirstSeen = 11, Victimized = 1 }],
            Resources = [new WireGraphResource { Name = "a", Kind = "mutex", Capacity = 1, HeldUnits = 1, Waiting = 1 }, new WireGraphResource { Name = "b", Kind = "semaphore", Capacity = 3, HeldUnits = 3, Waiting = 1 }],
            Holds = [new WireGraphEdge { Resource = "a", Lease = 1, Units = 1, Exclusive = true, Token = 12 }, new WireGraphEdge { Resource = "b", Lease = 2, Units = 3, Token = 13 }],
            Waits = [new WireGraphEdge { Resource = "b", Lease = 1, Units = 1, Since = 14 }, new WireGraphEdge { Resource = "a", Lease = 2, Units = 1, Exclusive = true, Since = 15, Position = 0 }],
            WaitsFor = [new WireWaitsFor { From = 1, To = 2, Resource = "b", Reason = "holder" }, new WireWaitsFor { From = 2, To = 1, Resource = "a", Reason = "holder" }],
            DeadlocksBroken = 2,
        };

        public ConcurrentQueue<object> Requests { get; } = new();

        public int Refuse { get; init; }

        public TimeSpan Delay { get; init; }

        private async Task<T> Answer<T>(object request, T answer)
        {
            Requests.Enqueue(request);
            await Task.Delay(Delay);
            return Refuse != 0 ? throw new StoreRefusedException(Refuse, "refused with " + Refuse) : answer;
        }

        public override Task<WireGrantResponse> SemaphoreAcquireAsync(WireAcquireRequest request, CancellationToken cancellation) =>
            Answer(request, new WireGrantResponse { Name = request.Name, Token = (request.Permits * 1000) + request.Units + request.Lease });

        public override Task<WireGrantResponse> ReadWriteLockAsync(WireReadWriteLockRequest request, CancellationToken cancellation) =>
            Answer(request, new WireGrantResponse { Name = request.Name, Token = (request.Write ? 1000 : 0) + request.Lease });

        public override Task<WireHeaderResponse> ReleaseAsync(WireReleaseRequest request, CancellationToken cancellation) => Answer(request, new WireHeaderResponse());

        public override Task<WireGrantResponse> BarrierArriveAsync(WireArriveRequest request, CancellationToken cancellation) =>
            Answer(request, new WireGrantResponse { Name = request.Name, Token = (request.Parties * 1000) + request.Lease });

        public override Task<WireGraphResponse> GraphAsync(WireGraphRequest request, CancellationToken cancellation) =>
            Delay > TimeSpan.Zero ? Task.Delay(Delay * 2, cancellation).ContinueWith(_ => Graph, TaskScheduler.Default) : Task.FromResult(Graph);

        public override Task<WireStatusResponse> StatusAsync(WireStatusRequest request, CancellationToken cancellation) =>
            Task.FromResult(new WireStatusResponse { Header = new WireHeader { MemberId = 42 }, Leader = 42, RaftTerm = 3, RaftIndex = 9, RaftAppliedIndex = 9 });
    }
}
