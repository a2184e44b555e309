using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Core.Tests.Distributed.Raft;

/// <summary>
/// A hand-driven network of cores for message-level tests (etcd raft_test.go's <c>network</c>): messages are
/// delivered in FIFO order until none are left, except across cut links or to servers taken down.
/// Ready is drained as a driver would (persisting is implied), so tests see what the protocol decides.
/// </summary>
internal sealed class CoreNet
{
    private readonly Queue<(int From, RaftEnvelope Envelope)> _queue = new();
    private readonly HashSet<(int, int)> _cut = [];

    public CoreNet(int servers, Func<RaftOptions, RaftOptions>? configure = null, int seed = 1)
    {
        Options = (configure ?? (o => o))(new RaftOptions { Voters = [.. Enumerable.Range(1, servers)], ElectionTicks = 10, HeartbeatTicks = 1 });
        for (int id = 1; id <= servers; id++)
        {
            Cores[id] = new RaftCore(id, Options, RaftRecovered.Empty, new Random(seed * 100 + id));
        }
    }

    public RaftOptions Options { get; }

    public Dictionary<int, RaftCore> Cores { get; } = [];

    public HashSet<int> Down { get; } = [];

    public List<(int From, int To, RaftMessage Message)> Delivered { get; } = [];

    public RaftCore this[int id] => Cores[id];

    /// <summary>Cuts both directions between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void Cut(int a, int b)
    {
        _cut.Add((a, b));
        _cut.Add((b, a));
    }

    /// <summary>Cuts <paramref name="id"/> from everyone.</summary>
    public void Isolate(int id)
    {
        foreach (int other in Cores.Keys)
        {
            if (other != id)
            {
                Cut(id, other);
            }
        }
    }

    public void HealAll() => _cut.Clear();

    /// <summary>Drains every core's Ready and delivers until quiet. Returns messages delivered.</summary>
    public int Run(int maxMessages = 100_000)
    {
        int delivered = 0;
        while (true)
        {
            Collect();
            if (_queue.Count == 0 || delivered >= maxMessages)
            {
                return delivered;
            }

            var (from, envelope) = _queue.Dequeue();
            if (Down.Contains(envelope.To) || _cut.Contains((from, envelope.To)))
            {
                continue;
            }

            Delivered.Add((from, envelope.To, envelope.Message));
            Cores[envelope.To].Step(from, envelope.Message);
            delivered++;
        }
    }

    /// <summary>Makes <paramref name="id"/> campaign now and runs the network.</summary>
    public void Campaign(int id)
    {
        Cores[id].Campaign();
        Run();
    }

    public void Propose(int id, string data)
    {
        Assert.NotEqual(0, Cores[id].Propose(System.Text.Encoding.UTF8.GetBytes(data)));
        Run();
    }

    /// <summary>Ticks every live server once and runs the network.</summary>
    public void TickAll(int times = 1)
    {
        for (int t = 0; t < times; t++)
        {
            foreach (var (id, core) in Cores)
            {
                if (!Down.Contains(id))
                {
                    core.Tick();
                }
            }

            Run();
        }
    }

    public List<ReadState> ReadStates { get; } = [];

    private void Collect()
    {
        foreach (var (id, core) in Cores)
        {
            while (!Down.Contains(id) && core.HasReady)
            {
                RaftReady ready = core.Ready();
                foreach (RaftEnvelope envelope in ready.Messages)
                {
                    _queue.Enqueue((id, envelope));
                }

                ReadStates.AddRange(ready.ReadStates);
                core.Advance(ready);
            }
        }
    }
}
