using System.Collections.Concurrent;
using System.Net;
using Arbiter.Distributed.Samples;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

public class TcpRuntimeTests
{
    private static async Task<List<string>> RunOverTcp(int nodes, int rounds, int maxBatch)
    {
        var observed = new ConcurrentQueue<(int Node, object Value)>();
        var loopback = Enumerable.Range(1, nodes).ToDictionary(id => id, _ => new IPEndPoint(IPAddress.Loopback, 0));
        var hosts = Enumerable.Range(1, nodes).Select(id => new TcpNodeHost<PingMessage, NoRecord>(
            new TcpNodeOptions { Id = id, Peers = loopback, MaxBatch = maxBatch }, () => new PingPongNode(rounds),
            new JsonMessageCodec<PingMessage>(), new JsonMessageCodec<NoRecord>(), (n, _, v) => observed.Enqueue((n, v)))).ToList();
        try
        {
            var bound = hosts.ToDictionary(h => h.Id, h => h.Listen());
            // Started in reverse order: node 3 sends before nodes 1 and 2 have started reading (they are bound, so
            // frames wait in the kernel and in the senders' queues).
            foreach (var host in Enumerable.Reverse(hosts))
            {
                host.Start(bound);
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (observed.Count < nodes && DateTime.UtcNow < deadline && hosts.All(h => h.Fault is null))
            {
                await Task.Delay(10);
            }

            Assert.All(hosts, h => Assert.Null(h.Fault));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }

        return [.. observed.Select(o => $"{o.Node} {NodeObservation.CanonicalOf(o.Value)}").Order()];
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1)]
    public async Task TcpAndSimulator_FaultFreePingPong_SameOutcomes(int maxBatch)
    {
        var sim = new Simulation<PingMessage, NoRecord>(new SimulationOptions<PingMessage, NoRecord>
        {
            Seed = 5,
            Nodes = NodeIds.Range(3),
            NodeFactory = _ => new PingPongNode(20),
        }).Run();
        var expected = sim.Observations.Select(o => $"{o.Node} {NodeObservation.CanonicalOf(o.Value)}").Order().ToList();

        var real = await RunOverTcp(3, 20, maxBatch);

        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, real);
    }

    [Fact]
    public async Task Host_PeerStartsLate_SenderReconnectsWithBackoffAndDelivers()
    {
        var observed = new ConcurrentQueue<object>();
        var ports = new Dictionary<int, IPEndPoint>();
        await using var first = new TcpNodeHost<PingMessage, NoRecord>(
            new TcpNodeOptions { Id = 1, Peers = new Dictionary<int, IPEndPoint> { [1] = new(IPAddress.Loopback, 0), [2] = new(IPAddress.Loopback, 0) } },
            () => new PingPongNode(3), new JsonMessageCodec<PingMessage>(), new JsonMessageCodec<NoRecord>(), (_, _, v) => observed.Enqueue(v));
        ports[1] = first.Listen();
        // Node 2's port is reserved by binding, then node 1 starts and keeps failing to connect until node 2 listens.
        var reserved = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        reserved.Start();
        ports[2] = (IPEndPoint)reserved.LocalEndpoint;
        reserved.Stop();
        first.Start(ports);
        await Task.Delay(150);
        var secondPeers = new Dictionary<int, IPEndPoint>(ports);
        await using var second = new TcpNodeHost<PingMessage, NoRecord>(
            new TcpNodeOptions { Id = 2, Peers = secondPeers }, () => new PingPongNode(3),
            new JsonMessageCodec<PingMessage>(), new JsonMessageCodec<NoRecord>(), (_, _, v) => observed.Enqueue(v));
        second.Start();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (observed.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, observed.Count);
        Assert.All(observed, o => Assert.Equal(3, ((PingPongDone)o).Pongs));
    }

    [Fact]
    public async Task Host_RestartWithDataDirectory_RecoversPersistedRecords()
    {
        string dir = Path.Combine(Path.GetTempPath(), "arbiter-tcp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var peers = new Dictionary<int, IPEndPoint> { [1] = new(IPAddress.Loopback, 0) };
            var seen = new ConcurrentQueue<object>();
            for (int run = 0; run < 2; run++)
            {
                await using var host = new TcpNodeHost<int, int>(new TcpNodeOptions { Id = 1, Peers = peers, DataDirectory = dir },
                    () => new CountingNode(), new JsonMessageCodec<int>(), new JsonMessageCodec<int>(), (_, _, v) => seen.Enqueue(v));
                host.Start();
                host.Inject(10 + run);
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                while (seen.Count < (2 * run) + 2 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(5);
                }
            }

            // Run 1 recovered nothing and persisted 10; run 2 recovered [10] and persisted 11.
            Assert.Equal(["recovered []", "persisted 10", "recovered [10]", "persisted 11"], seen.Select(v => (string)v));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Host_NodeAnswersTheClient_ClientOutputGetsItAfterTheRecordIsDurable()
    {
        string dir = Path.Combine(Path.GetTempPath(), "arbiter-tcp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var peers = new Dictionary<int, IPEndPoint> { [1] = new(IPAddress.Loopback, 0) };
            var answers = new ConcurrentQueue<int>();
            int recordsAtAnswer = -1;
            await using (var host = new TcpNodeHost<int, int>(new TcpNodeOptions { Id = 1, Peers = peers, DataDirectory = dir },
                () => new CountingNode(), new JsonMessageCodec<int>(), new JsonMessageCodec<int>(), (_, _, _) => { }))
            {
                host.ClientOutput = m =>
                {
                    // On the loop, after the step's fsync: the record file already holds the request's record.
                    // (Counted as records, not bytes: the file is preallocated, so its length says nothing.)
                    recordsAtAnswer = RecordFile.Read<int>(Path.Combine(dir, "node-1.records")).Count;
                    answers.Enqueue(m);
                };
                host.Start();
                host.Inject(7);
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                while (answers.IsEmpty && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(5);
                }

                Assert.Null(host.Fault);
            }

            Assert.Equal([-7], answers);
            Assert.Equal(1, recordsAtAnswer);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class CountingNode : INode<int, int>
    {
        public void Start(INodeContext<int, int> context) => context.Observe($"recovered [{string.Join(',', context.Recovered)}]");

        public void Receive(INodeContext<int, int> context, int from, int message)
        {
            context.Persist(message);
            context.Observe($"persisted {message}");
            if (from == 0)
            {
                context.Send(0, -message); // an answer to the client
            }
        }

        public void Fire(INodeContext<int, int> context, string timer) { }
    }
}
