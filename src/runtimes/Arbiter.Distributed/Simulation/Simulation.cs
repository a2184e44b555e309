using System.Globalization;
using Arbiter.Core.Distributed.Clocks;

namespace Arbiter.Distributed.Simulation;

/// <summary>
/// The deterministic simulator: runs <see cref="INode{TMessage, TRecord}"/> state machines in virtual time over a
/// modelled network (latency, loss, duplication, reordering, partitions), with crashes and restarts, per-node clock
/// skew and drift, invariant checks after every event, and a trace stamped with Lamport and vector time.
/// </summary>
/// <remarks>
/// <para>Determinism: one event queue ordered by (virtual time, sequence number), so ties break in the order events
/// were scheduled; one seeded <see cref="Random"/> for the network and per-node Randoms derived from the seed. No
/// wall clock, thread or hash order is consulted, so the same options give the same run, event for event.</para>
/// <para>Use: build it from <see cref="SimulationOptions{TMessage, TRecord}"/>, add external inputs with
/// <see cref="Schedule(TimeSpan, int, TMessage)"/> or <see cref="At"/>, then <see cref="Run"/> once.</para>
/// </remarks>
public sealed partial class Simulation<TMessage, TRecord> : ISimulationView<TMessage, TRecord>
{
    /// <summary>The pseudo-node that external inputs come from (<c>from</c> = 0 in <c>Receive</c>).</summary>
    public const int Client = 0;

    private readonly SimulationOptions<TMessage, TRecord> _options;
    private readonly int[] _members;
    private readonly Dictionary<int, int> _index = [];
    private readonly SimNode<TMessage, TRecord>[] _nodes;
    private readonly PriorityQueue<Event, EventKey> _queue = new();
    private readonly Random _network;
    private readonly long[] _lastArrival;
    private readonly int[] _group;
    private readonly List<TraceEvent>? _trace;
    private readonly Queue<TraceEvent> _recent = new();
    private readonly List<Observation> _observations = [];
    private readonly List<ClientOutput<TMessage>> _clientOutputs = [];
    private readonly List<Violation> _violations = [];
    private readonly HashSet<string> _violated = new(StringComparer.Ordinal);
    private readonly IInvariant<TMessage, TRecord>[] _invariants;
    private readonly bool _stamp;
    private readonly bool _events;
    private double _loss;
    private double _duplication;
    private readonly double _reordering;
    private bool _partitioned;
    private long _now;
    private long _sequence;
    private long _messageIds;
    private long _timerTokens;
    private long _traceIndex;
    private long _processed;
    private bool _violationStop;
    private bool _ran;

    /// <summary>Creates a run; every node is scheduled to start at time 0, in ascending order of id.</summary>
    public Simulation(SimulationOptions<TMessage, TRecord> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Nodes);
        ArgumentNullException.ThrowIfNull(options.NodeFactory);
        options.Network.Validate();
        _options = options;
        _members = [.. options.Nodes.Order()];
        if (_members.Length == 0 || _members[0] < 1 || _members.Distinct().Count() != _members.Length)
        {
            throw new ArgumentException("node ids must be positive, distinct and at least one", nameof(options));
        }

        options.Faults.Validate(_members);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DiskLatency, TimeSpan.Zero, nameof(options));
        _network = new Random(SeedMixer.Derive(options.Seed, 0, 0, 0));
        var clockRandom = new Random(SeedMixer.Derive(options.Seed, 0, 0, 1));
        _nodes = new SimNode<TMessage, TRecord>[_members.Length];
        for (int i = 0; i < _members.Length; i++)
        {
            _index[_members[i]] = i;
            NodeClock clock = options.Clocks?.TryGetValue(_members[i], out NodeClock c) == true ? c : RandomClock(clockRandom);
            if (clock.Drift <= -1)
            {
                throw new ArgumentException($"node {_members[i]}: drift must be above -1", nameof(options));
            }

            _nodes[i] = new SimNode<TMessage, TRecord>(this, _members[i], i, clock);
        }

        _lastArrival = new long[_members.Length * _members.Length];
        _group = new int[_members.Length];
        _loss = options.Network.Loss;
        _duplication = options.Network.Duplication;
        _reordering = options.Network.Reordering;
        _invariants = [.. options.Invariants];
        _stamp = options.RecordTrace;
        _trace = options.RecordTrace ? [] : null;
        _events = options.RecordTrace || _invariants.Length > 0;
        foreach (var node in _nodes)
        {
            node.Vector = _stamp ? VectorTimestamp.Zero(_members.Length) : null;
            Enqueue(0, new Event(EventKind.Start, node.Id, 0, default, 0, 0, null, null));
        }

        foreach (Fault fault in options.Faults.Faults)
        {
            Enqueue(fault.At.Ticks, new Event(EventKind.Fault, 0, 0, default, 0, 0, null, fault));
        }
    }

    private enum EventKind : byte
    {
        Start,
        Deliver,
        Timer,
        Input,
        Fault,
        Action,
        WriteDone,
    }

    /// <inheritdoc/>
    public int Seed => _options.Seed;

    /// <inheritdoc/>
    public TimeSpan Now => TimeSpan.FromTicks(_now);

    /// <inheritdoc/>
    public IReadOnlyList<int> Members => _members;

    /// <inheritdoc/>
    public IReadOnlyList<Observation> Observations => _observations;

    /// <inheritdoc/>
    public MessageCounters Counters { get; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<TraceEvent> Trace => (IReadOnlyList<TraceEvent>?)_trace ?? [];

    /// <summary>Messages nodes sent to the pseudo-client (<see cref="Client"/>): answers to external requests, in order.</summary>
    public IReadOnlyList<ClientOutput<TMessage>> ClientOutputs => _clientOutputs;

    /// <summary>Violations so far.</summary>
    public IReadOnlyList<Violation> Violations => _violations;

    /// <inheritdoc/>
    public bool IsUp(int node) => Node(node).Up;

    /// <inheritdoc/>
    public INode<TMessage, TRecord>? NodeOf(int node) => Node(node).Instance;

    /// <inheritdoc/>
    public TimeSpan LocalNow(int node) => Node(node).Clock.LocalAt(Now);

    /// <summary>The clock (skew and drift) of <paramref name="node"/>.</summary>
    public NodeClock ClockOf(int node) => Node(node).Clock;

    /// <inheritdoc/>
    public IReadOnlyList<TRecord> Persisted(int node) => Node(node).Stable;

    internal bool IsMember(int node) => _index.ContainsKey(node);

    /// <summary>
    /// Delivers <paramref name="message"/> to <paramref name="node"/> at true time <paramref name="at"/> from the
    /// pseudo-client (<see cref="Client"/>), outside the network model: an external request such as "node 3 asks
    /// for the critical section at 100 ms". Dropped if the node is down then.
    /// </summary>
    public void Schedule(TimeSpan at, int node, TMessage message)
    {
        _ = Node(node);
        Enqueue(Later(at), new Event(EventKind.Input, node, Client, message, 0, 0, null, null));
    }

    /// <summary>Runs <paramref name="action"/> at true time <paramref name="at"/> (between events): a driver's hook to
    /// inspect the run, crash or restart a node, partition or heal.</summary>
    public void At(TimeSpan at, Action<Simulation<TMessage, TRecord>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(Later(at), new Event(EventKind.Action, 0, 0, default, 0, 0, null, action));
    }

    /// <summary>Crashes <paramref name="node"/> now (no effect if already down).</summary>
    public void Crash(int node) => Apply(new Fault(Now, FaultKind.Crash, node));

    /// <summary>Restarts <paramref name="node"/> now (no effect if it is up).</summary>
    public void Restart(int node) => Apply(new Fault(Now, FaultKind.Restart, node));

    /// <summary>Partitions the network now into <paramref name="groups"/> (unnamed nodes form one more group).</summary>
    public void Partition(IReadOnlyList<IReadOnlyList<int>> groups) => Apply(new Fault(Now, FaultKind.Partition, Groups: groups));

    /// <summary>Heals every partition now.</summary>
    public void Heal() => Apply(new Fault(Now, FaultKind.Heal));

    /// <summary>True when a message from <paramref name="from"/> to <paramref name="to"/> would cross the network now.</summary>
    public bool Connected(int from, int to) => !_partitioned || _group[Node(from).Index] == _group[Node(to).Index];

    /// <summary>Runs to a stop condition (see <see cref="StopReason"/>), then checks the invariants' end conditions.</summary>
    public SimulationResult Run()
    {
        if (_ran)
        {
            throw new InvalidOperationException("a simulation runs once; build a new one (same options, same run)");
        }

        _ran = true;
        long until = _options.Until?.Ticks ?? long.MaxValue;
        StopReason reason = StopReason.Quiescent;
        while (_queue.TryPeek(out Event next, out EventKey key))
        {
            if (key.Ticks > until)
            {
                _now = until;
                reason = StopReason.TimeLimit;
                break;
            }

            if (_processed >= _options.MaxEvents)
            {
                reason = StopReason.EventLimit;
                break;
            }

            _queue.Dequeue();
            _now = key.Ticks;
            _processed++;
            Process(next);
            if (_violationStop)
            {
                reason = StopReason.Violation;
                break;
            }

            if (_options.StopWhen?.Invoke(this) == true)
            {
                reason = StopReason.Predicate;
                break;
            }
        }

        foreach (var invariant in _invariants)
        {
            if (!_violated.Contains(invariant.Name) && invariant.Finish(this) is { } message)
            {
                AddViolation(invariant.Name, message);
            }
        }

        return new SimulationResult(Seed, _members, reason, Now, _processed, Counters, Trace, _observations, _violations);
    }

    private SimNode<TMessage, TRecord> Node(int id) =>
        _index.TryGetValue(id, out int i) ? _nodes[i] : throw new ArgumentOutOfRangeException(nameof(id), id, "no such node");

    private long Later(TimeSpan at)
    {
        if (_ran && at.Ticks < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "cannot schedule in the past");
        }

        return Math.Max(at.Ticks, _now);
    }

    private NodeClock RandomClock(Random random)
    {
        // Draw both numbers for every node whatever the bounds, so bounds do not shift later nodes' clocks.
        double skew = (random.NextDouble() * 2) - 1, drift = (random.NextDouble() * 2) - 1;
        return new NodeClock(TimeSpan.FromTicks((long)(skew * _options.MaxClockSkew.Ticks)), drift * _options.MaxClockDrift);
    }

    private void Enqueue(long ticks, in Event e) => _queue.Enqueue(e, new EventKey(ticks, _sequence++));

    private void Process(in Event e)
    {
        switch (e.Kind)
        {
            case EventKind.Deliver:
                Deliver(e);
                break;
            case EventKind.Timer:
                FireTimer(e);
                break;
            case EventKind.Input:
                Input(e);
                break;
            case EventKind.Start:
                StartNode(Node(e.Node));
                break;
            case EventKind.Fault:
                Apply((Fault)e.Payload!);
                break;
            case EventKind.WriteDone:
                CompleteWrite(e);
                break;
            default:
                ((Action<Simulation<TMessage, TRecord>>)e.Payload!)(this);
                break;
        }
    }

    private void Deliver(in Event e)
    {
        SimNode<TMessage, TRecord> to = _nodes[_index[e.Node]];
        if (!to.Up)
        {
            Drop(e, "down");
            return;
        }

        if (_partitioned && _group[_index[e.From]] != _group[to.Index])
        {
            // Cut while in flight: Jepsen's partitions drop packets at the network, whenever they were sent.
            Drop(e, "partition");
            return;
        }

        Counters.Delivered++;
        MessageCounters.Add(Counters.DeliveredCounts, e.Message!.GetType());
        to.Lamport = Math.Max(to.Lamport, e.Lamport) + 1;
        if (_stamp)
        {
            to.Vector = to.Vector!.Merge(e.Vector!).Increment(to.Index);
        }

        Record(TraceKind.Receive, to, e.From, e.Id, e.Message, null);
        Call(to, e.From, e.Message, null);
    }

    private void Drop(in Event e, string why)
    {
        Counters.Dropped++;
        MessageCounters.Add(Counters.DroppedCounts, e.Message!.GetType());
        if (_events)
        {
            Emit(TraceKind.Drop, e.From, e.Node, e.Id, e.Message, e.Lamport, e.Vector, 0, why);
        }
    }

    private void FireTimer(in Event e)
    {
        SimNode<TMessage, TRecord> node = _nodes[_index[e.Node]];
        string name = (string)e.Payload!;
        if (!node.Up || !node.Timers.TryGetValue(name, out long token) || token != e.Id)
        {
            return; // cancelled, replaced, or lost in a crash
        }

        node.Timers.Remove(name);
        Counters.TimersFired++;
        Tick(node);
        Record(TraceKind.Timer, node, 0, 0, name, null);
        Call(node, 0, default, name);
    }

    private void Input(in Event e)
    {
        SimNode<TMessage, TRecord> node = _nodes[_index[e.Node]];
        if (!node.Up)
        {
            Counters.Dropped++;
            if (_events)
            {
                Emit(TraceKind.Drop, Client, node.Id, 0, e.Message, 0, null, 0, "down");
            }

            return;
        }

        Counters.Inputs++;
        Tick(node);
        Record(TraceKind.Input, node, Client, 0, e.Message, null);
        Call(node, Client, e.Message, null);
    }

    private void StartNode(SimNode<TMessage, TRecord> node)
    {
        var random = new Random(SeedMixer.Derive(Seed, node.Id, node.Incarnation, 2));
        node.Reset(_options.NodeFactory(node.Id), random);
        Tick(node);
        Record(TraceKind.Start, node, 0, 0, null, node.Incarnation == 0 ? null : $"restart {node.Incarnation}");
        Call(node, -1, default, null);
    }

    private void Tick(SimNode<TMessage, TRecord> node)
    {
        node.Lamport++;
        if (_stamp)
        {
            node.Vector = node.Vector!.Increment(node.Index);
        }
    }

    /// <summary>One call into the node: Start when <paramref name="from"/> is −1, Fire when a timer is named, else Receive.</summary>
    private void Call(SimNode<TMessage, TRecord> node, int from, TMessage? message, string? timer)
    {
        node.InCall = true;
        try
        {
            if (from < 0)
            {
                node.Instance!.Start(node);
            }
            else if (timer is not null)
            {
                node.Instance!.Fire(node, timer);
            }
            else
            {
                node.Instance!.Receive(node, from, message!);
            }
        }
        catch (Exception ex) when (ex is not SimulationException)
        {
            throw new SimulationException(
                string.Create(CultureInfo.InvariantCulture, $"node {node.Id} threw {ex.GetType().Name} at {_now / 1e4:0.####} ms (seed {Seed}): {ex.Message}"), ex);
        }
        finally
        {
            node.InCall = false;
        }

        ApplyEffects(node);
    }

    /// <summary>The contract's order: observations are noted, then records persisted, then messages sent, then timers changed.</summary>
    private void ApplyEffects(SimNode<TMessage, TRecord> node)
    {
        if (node.Observed.Count > 0)
        {
            TimeSpan local = node.Clock.LocalAt(Now);
            foreach (object value in node.Observed)
            {
                _observations.Add(new Observation(Now, local, node.Id, value));
                Record(TraceKind.Observe, node, 0, 0, value, null);
            }
        }

        foreach (var (to, message) in node.EarlySends)
        {
            Counters.SentEarly++;
            Send(node, to, message); // before the records: the node declared it depends on none of them
        }

        bool writes = node.Compaction is not null || node.Persists.Count > 0;
        if (_options.DiskLatency > TimeSpan.Zero && (writes || node.Writes.Count > 0))
        {
            // Simulation.Disk.cs: the records take time to be durable, and the messages wait for them — or, with
            // nothing to write, for the writes still under way, which they may depend on.
            BeginWrite(node, writes);
        }
        else
        {
            Store(node, node.Compaction, node.Persists);
            foreach (var (to, message) in node.Sends)
            {
                Send(node, to, message);
            }
        }

        foreach (var (name, delay) in node.TimerOps)
        {
            if (delay < 0)
            {
                node.Timers.Remove(name);
                continue;
            }

            long token = ++_timerTokens;
            node.Timers[name] = token;
            Enqueue(_now + node.Clock.TrueTicksFor(TimeSpan.FromTicks(delay)), new Event(EventKind.Timer, node.Id, 0, default, token, 0, null, name));
        }

        node.ClearBuffers();
    }

    private void Send(SimNode<TMessage, TRecord> from, int toId, TMessage message)
    {
        if (toId == Client)
        {
            // An answer to an external request leaves the system: it is recorded and handed to the options' handler
            // (which may schedule the next request), never delivered through the network model.
            Record(TraceKind.Output, from, Client, 0, message, null);
            _clientOutputs.Add(new ClientOutput<TMessage>(Now, from.Id, message));
            _options.OnClientOutput?.Invoke(this, from.Id, message);
            return;
        }

        long id = ++_messageIds;
        Counters.Sent++;
        MessageCounters.Add(Counters.SentCounts, message!.GetType());
        Tick(from);
        Record(TraceKind.Send, from, toId, id, message, null);
        var e = new Event(EventKind.Deliver, toId, from.Id, message, id, from.Lamport, from.Vector, null);
        int to = _index[toId];
        if (to == from.Index)
        {
            Enqueue(_now, e); // a node's message to itself never touches the network
            return;
        }

        if (_partitioned && _group[from.Index] != _group[to])
        {
            Drop(e, "partition");
            return;
        }

        if (_loss > 0 && _network.NextDouble() < _loss)
        {
            Drop(e, "loss");
            return;
        }

        int copies = 1;
        if (_duplication > 0 && _network.NextDouble() < _duplication)
        {
            copies = 2;
            Counters.Duplicated++;
        }

        LatencyDistribution latency = _options.Network.LinkLatency?.GetValueOrDefault((from.Id, toId)) ?? _options.Network.Latency;
        int link = (from.Index * _members.Length) + to;
        for (int copy = 0; copy < copies; copy++)
        {
            long arrival = _now + latency.SampleTicks(_network);
            if (_reordering == 0 || _network.NextDouble() >= _reordering)
            {
                // FIFO: not before anything sent earlier on this link (equal times keep send order by sequence).
                arrival = Math.Max(arrival, _lastArrival[link]);
                _lastArrival[link] = arrival;
            }

            Enqueue(arrival, e);
        }
    }

    private void Apply(Fault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.CorruptTail:
                Apply(fault with { Kind = FaultKind.Crash });
                SimNode<TMessage, TRecord> corrupted = Node(fault.Node);
                if (corrupted.Stable.Count > 0)
                {
                    corrupted.Stable.RemoveAt(corrupted.Stable.Count - 1);
                }

                corrupted.TailCut = true;
                Record(TraceKind.Crash, corrupted, 0, 0, "storage tail corrupted", null);
                break;
            case FaultKind.Crash:
                SimNode<TMessage, TRecord> crashed = Node(fault.Node);
                if (crashed.Up)
                {
                    crashed.Up = false;
                    crashed.Instance = null;
                    crashed.Timers.Clear();
                    crashed.ClearBuffers();
                    Counters.WritesLost += crashed.Writes.Count;
                    crashed.Writes.Clear(); // writes under way are lost, with the messages that waited for them
                    Counters.Crashes++;
                    Record(TraceKind.Crash, crashed, 0, 0, null, null);
                }

                break;
            case FaultKind.Restart:
                SimNode<TMessage, TRecord> restarted = Node(fault.Node);
                if (!restarted.Up && restarted.Started)
                {
                    restarted.Incarnation++;
                    Counters.Restarts++;
                    StartNode(restarted);
                }

                break;
            case FaultKind.Partition:
                Array.Fill(_group, 0);
                for (int g = 0; g < fault.Groups!.Count; g++)
                {
                    foreach (int id in fault.Groups[g])
                    {
                        _group[Node(id).Index] = g + 1;
                    }
                }

                _partitioned = true;
                EmitNetwork(TraceKind.Partition, fault.ToString());
                break;
            case FaultKind.Heal:
                if (_partitioned)
                {
                    _partitioned = false;
                    EmitNetwork(TraceKind.Heal, null);
                }

                break;
            case FaultKind.Loss:
                _loss = fault.Rate;
                break;
            default:
                _duplication = fault.Rate;
                break;
        }
    }

    private void EmitNetwork(TraceKind kind, string? detail)
    {
        if (_events)
        {
            Emit(kind, 0, 0, 0, null, 0, null, 0, detail);
        }
    }

    private void Record(TraceKind kind, SimNode<TMessage, TRecord> node, int peer, long messageId, object? payload, string? detail)
    {
        if (_events)
        {
            Emit(kind, node.Id, peer, messageId, payload, node.Lamport, node.Vector, node.Incarnation, detail);
        }
    }

    private void Emit(TraceKind kind, int node, int peer, long messageId, object? payload, long lamport, VectorTimestamp? vector, int incarnation, string? detail)
    {
        var e = new TraceEvent(_traceIndex++, Now, node, kind, peer, messageId, payload, lamport, vector, incarnation, detail);
        _trace?.Add(e);
        if (_invariants.Length == 0)
        {
            return;
        }

        _recent.Enqueue(e);
        if (_recent.Count > Math.Max(1, _options.ViolationWindow))
        {
            _recent.Dequeue();
        }

        foreach (var invariant in _invariants)
        {
            if (!_violated.Contains(invariant.Name) && invariant.Check(this, e) is { } message)
            {
                AddViolation(invariant.Name, message);
            }
        }
    }

    private void AddViolation(string invariant, string message)
    {
        // An invariant is reported once: after it breaks, its own bookkeeping may no longer be meaningful.
        _violated.Add(invariant);
        _violations.Add(new Violation(invariant, message, Seed, Now, [.. _recent]));
        _violationStop |= _options.StopOnViolation;
    }

    private readonly record struct EventKey(long Ticks, long Sequence) : IComparable<EventKey>
    {
        public int CompareTo(EventKey other)
        {
            int c = Ticks.CompareTo(other.Ticks);
            return c != 0 ? c : Sequence.CompareTo(other.Sequence);
        }
    }

    private readonly record struct Event(EventKind Kind, int Node, int From, TMessage? Message, long Id, long Lamport, VectorTimestamp? Vector, object? Payload);
}
