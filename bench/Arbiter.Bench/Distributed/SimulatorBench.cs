using Arbiter.Core.Distributed;
using Arbiter.Distributed.Samples;
using Arbiter.Distributed.Simulation;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Distributed;

/// <summary>
/// Delivered messages per second of wall time on the ping-pong workload (4 nodes, 2,000 rounds: 48,000 deliveries
/// per run). Baseline: a plain FIFO queue handing the same messages to the same nodes — no time, no network model,
/// no stamps. Times are per delivered message (OperationsPerInvoke), so messages/s = 1e9 / ns.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBench
{
    private const int Nodes = 4;
    private const int Rounds = 2_000;
    private const int Deliveries = 2 * Rounds * Nodes * (Nodes - 1);

    [Benchmark(Baseline = true, OperationsPerInvoke = Deliveries)]
    public long PlainQueue() => QueueLoop.Run(Nodes, Rounds);

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public long Simulator() => Run(record: false, NetworkOptions.Reliable);

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public long SimulatorWithTrace() => Run(record: true, NetworkOptions.Reliable);

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public long SimulatorReorderDuplicate() => Run(record: false, new NetworkOptions { Reordering = 0.3, Duplication = 0.05 });

    private static long Run(bool record, NetworkOptions network)
    {
        var result = new Simulation<PingMessage, NoRecord>(new SimulationOptions<PingMessage, NoRecord>
        {
            Seed = 1,
            Nodes = NodeIds.Range(Nodes),
            NodeFactory = _ => new PingPongNode(Rounds),
            Network = network,
            RecordTrace = record,
        }).Run();
        return result.Counters.Delivered;
    }

    /// <summary>The baseline: the same nodes, messages handed over through one FIFO queue.</summary>
    private sealed class QueueLoop : INodeContext<PingMessage, NoRecord>
    {
        private readonly Queue<(int To, int From, PingMessage Message)> _queue = new();
        private readonly int[] _members;
        private int _self;

        private QueueLoop(int nodes) => _members = [.. Enumerable.Range(1, nodes)];

        public int Self => _self;

        public IReadOnlyList<int> Members => _members;

        public TimeSpan Now => TimeSpan.Zero;

        public Random Random { get; } = new(1);

        public IReadOnlyList<NoRecord> Recovered => [];

        public bool RecoveredTruncated => false;

        public static long Run(int nodes, int rounds)
        {
            var loop = new QueueLoop(nodes);
            var instances = loop._members.Select(_ => new PingPongNode(rounds)).ToArray();
            for (int i = 0; i < nodes; i++)
            {
                loop._self = i + 1;
                instances[i].Start(loop);
            }

            long delivered = 0;
            while (loop._queue.TryDequeue(out var item))
            {
                delivered++;
                loop._self = item.To;
                instances[item.To - 1].Receive(loop, item.From, item.Message);
            }

            return delivered;
        }

        public void Send(int destination, PingMessage message) => _queue.Enqueue((destination, _self, message));

        public void SetTimer(string name, TimeSpan delay) { }

        public void CancelTimer(string name) { }

        public void Persist(NoRecord record) { }

        public void Compact(IReadOnlyList<NoRecord> records) { }

        public void Observe(object observation) { }
    }
}
