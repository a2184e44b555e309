using Arbiter.Core.Distributed;

namespace Arbiter.Core.Tests.Distributed;

/// <summary>
/// A tiny hand-driven runtime for the algorithms' unit tests: every message takes <see cref="Latency"/>, timers fire
/// on one shared virtual clock, and a test can drop, duplicate, crash and restart by hand. It keeps the node
/// contract (effects buffered and applied after each call: persist, send, timers) and records every effect. It is
/// deliberately not the simulator (no random network): the algorithms' sweeps run on that.
/// </summary>
internal sealed class HandNetwork<TMessage, TRecord>
    where TMessage : notnull
{
    private readonly Func<int, INode<TMessage, TRecord>> factory;
    private readonly Dictionary<int, Slot> slots = [];
    private readonly PriorityQueue<Event, (TimeSpan, long)> events = new();
    private long sequence;

    public HandNetwork(int nodes, Func<int, INode<TMessage, TRecord>> factory, int seed = 1)
    {
        this.factory = factory;
        Members = [.. Enumerable.Range(1, nodes)];
        foreach (int id in Members)
        {
            slots[id] = new Slot(this, id, seed * 1000 + id);
        }
    }

    public IReadOnlyList<int> Members { get; }

    public TimeSpan Now { get; private set; }

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Decides the fate of each message sent: 0 drop, 1 deliver, 2 deliver twice.</summary>
    public Func<int, int, TMessage, int> Fate { get; set; } = (_, _, _) => 1;

    public List<(TimeSpan At, int From, int To, TMessage Message)> Sent { get; } = [];

    public List<(TimeSpan At, int Node, object Observation)> Observations { get; } = [];

    public List<(TimeSpan At, int Node)> Crashes { get; } = [];

    public INode<TMessage, TRecord> Node(int id) => slots[id].Node!;

    public bool IsUp(int id) => slots[id].Node is not null;

    public IReadOnlyList<TRecord> Stored(int id) => slots[id].Stored;

    public void StartAll()
    {
        foreach (int id in Members)
        {
            Start(id);
        }
    }

    public void Start(int id)
    {
        var slot = slots[id];
        slot.Incarnation++;
        slot.Node = factory(id);
        slot.Timers.Clear();
        slot.Call(n => n.Start(slot.Context));
    }

    public void Crash(int id)
    {
        slots[id].Node = null;
        slots[id].Timers.Clear();
        Crashes.Add((Now, id));
    }

    public int Count(Func<TMessage, bool> which) => Sent.Count(s => which(s.Message));

    public IEnumerable<T> Observed<T>() => Observations.Select(o => o.Observation).OfType<T>();

    /// <summary>Runs events until none is left, <paramref name="until"/> is reached or <paramref name="stop"/> holds.</summary>
    public void Run(TimeSpan until, Func<bool>? stop = null, int maxEvents = 1_000_000)
    {
        for (int i = 0; i < maxEvents && events.TryPeek(out var next, out var key) && key.Item1 <= until; i++)
        {
            events.Dequeue();
            Now = key.Item1;
            next.Apply();
            if (stop?.Invoke() == true)
            {
                return;
            }
        }
    }

    public void Run(double seconds) => Run(TimeSpan.FromSeconds(seconds));

    private void Schedule(TimeSpan at, Event e) => events.Enqueue(e, (at, sequence++));

    private abstract record Event
    {
        public abstract void Apply();
    }

    private sealed record Delivery(Slot To, int From, TMessage Message) : Event
    {
        public override void Apply() => To.Call(n => n.Receive(To.Context, From, Message));
    }

    private sealed record TimerFiring(Slot At, string Name, long Token, int Incarnation) : Event
    {
        public override void Apply()
        {
            if (At.Incarnation == Incarnation && At.Timers.TryGetValue(Name, out long current) && current == Token)
            {
                At.Timers.Remove(Name);
                At.Call(n => n.Fire(At.Context, Name));
            }
        }
    }

    private sealed class Slot
    {
        private readonly HandNetwork<TMessage, TRecord> network;

        public Slot(HandNetwork<TMessage, TRecord> network, int id, int seed)
        {
            this.network = network;
            Context = new FakeContext(this, id, new Random(seed));
        }

        public FakeContext Context { get; }

        public INode<TMessage, TRecord>? Node { get; set; }

        public int Incarnation { get; set; }

        public List<TRecord> Stored { get; } = [];

        public Dictionary<string, long> Timers { get; } = [];

        public void Call(Action<INode<TMessage, TRecord>> call)
        {
            if (Node is null)
            {
                return; // crashed: messages and timers to it are lost
            }

            Context.Begin();
            call(Node);
            // The contract's order: persist, then send, then timers.
            if (Context.Compacted is { } replacement)
            {
                Stored.Clear();
                Stored.AddRange(replacement);
            }

            Stored.AddRange(Context.Persisted);
            foreach (var (to, message) in Context.Outbox)
            {
                network.Sent.Add((network.Now, Context.Self, to, message));
                int copies = network.Fate(Context.Self, to, message);
                for (int c = 0; c < copies; c++)
                {
                    network.Schedule(network.Now + network.Latency, new Delivery(network.slots[to], Context.Self, message));
                }
            }

            foreach (var (name, delay) in Context.TimerChanges)
            {
                if (delay is { } d)
                {
                    long token = network.sequence++;
                    Timers[name] = token;
                    network.Schedule(network.Now + d, new TimerFiring(this, name, token, Incarnation));
                }
                else
                {
                    Timers.Remove(name);
                }
            }
        }

        public sealed class FakeContext(Slot slot, int self, Random random) : INodeContext<TMessage, TRecord>
        {
            public List<TRecord> Persisted { get; } = [];

            public List<(int To, TMessage Message)> Outbox { get; } = [];

            public List<(string Name, TimeSpan? Delay)> TimerChanges { get; } = [];

            public int Self => self;

            public IReadOnlyList<int> Members => slot.network.Members;

            public TimeSpan Now => slot.network.Now;

            public Random Random => random;

            public IReadOnlyList<TRecord> Recovered => [.. slot.Stored];

            public bool RecoveredTruncated => false;

            public List<TRecord>? Compacted { get; private set; }

            public void Begin()
            {
                Compacted = null;
                Persisted.Clear();
                Outbox.Clear();
                TimerChanges.Clear();
            }

            public void Send(int destination, TMessage message) => Outbox.Add((destination, message));

            public void SetTimer(string name, TimeSpan delay) => TimerChanges.Add((name, delay));

            public void CancelTimer(string name) => TimerChanges.Add((name, null));

            public void Persist(TRecord record) => Persisted.Add(record);

            public void Compact(IReadOnlyList<TRecord> records)
            {
                Persisted.Clear();
                Compacted = [.. records];
            }

            public void Observe(object observation) => slot.network.Observations.Add((slot.network.Now, self, observation));
        }
    }
}
