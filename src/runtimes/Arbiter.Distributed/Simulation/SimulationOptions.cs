namespace Arbiter.Distributed.Simulation;

/// <summary>Everything that defines a run: with the same options (same seed) a run is reproduced event for event.</summary>
/// <typeparam name="TMessage">The algorithm's message type.</typeparam>
/// <typeparam name="TRecord">What its nodes persist.</typeparam>
public sealed record SimulationOptions<TMessage, TRecord>
{
    /// <summary>The seed of the run's one random source (network, clocks, nemesis) and of every node's Random.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The node ids (positive, distinct); <see cref="NodeIds.Range(int)"/> gives 1..N.</summary>
    public required IReadOnlyList<int> Nodes { get; init; }

    /// <summary>Makes the instance of a node; called at the start and again at each restart (a fresh instance).</summary>
    public required Func<int, INode<TMessage, TRecord>> NodeFactory { get; init; }

    /// <summary>The network model.</summary>
    public NetworkOptions Network { get; init; } = NetworkOptions.Reliable;

    /// <summary>Explicit clocks per node; nodes not named get a random clock within <see cref="MaxClockSkew"/> and <see cref="MaxClockDrift"/>.</summary>
    public IReadOnlyDictionary<int, NodeClock>? Clocks { get; init; }

    /// <summary>Each node not in <see cref="Clocks"/> starts with an offset drawn uniformly in ±this (default 0: perfect).</summary>
    public TimeSpan MaxClockSkew { get; init; }

    /// <summary>Each node not in <see cref="Clocks"/> drifts at a rate drawn uniformly in ±this (default 0).</summary>
    public double MaxClockDrift { get; init; }

    /// <summary>
    /// How long a node's write takes to become durable. Zero (the default): a call's records are durable as it
    /// returns, so a crash falls only between calls. Above zero: each call's records, and the messages it sent with
    /// <c>Send</c>, wait this long (a node's writes complete in order), while <c>SendEarly</c> messages and timers
    /// take effect at once and the node goes on handling events; a crash loses the writes under way and the
    /// messages waiting for them. This is what puts a crash between an early message and the records it left
    /// behind (see <c>Simulation.Disk.cs</c>).
    /// </summary>
    public TimeSpan DiskLatency { get; init; }

    /// <summary>Scripted or generated faults (<see cref="FaultSchedule.Parse"/>, <see cref="Nemesis.Generate"/>).</summary>
    public FaultSchedule Faults { get; init; } = FaultSchedule.None;

    /// <summary>Invariants checked after every event and at the end.</summary>
    public IReadOnlyList<IInvariant<TMessage, TRecord>> Invariants { get; init; } = [];

    /// <summary>Stop at this true time (events after it do not happen); null runs until quiescent or the predicate.</summary>
    public TimeSpan? Until { get; init; }

    /// <summary>Stop as soon as this holds (checked after every call to a node).</summary>
    public Func<ISimulationView<TMessage, TRecord>, bool>? StopWhen { get; init; }

    /// <summary>Stop at the first violation (default true); false collects every violation of the run.</summary>
    public bool StopOnViolation { get; init; } = true;

    /// <summary>A guard against runs that never end (periodic timers with no <see cref="Until"/>).</summary>
    public long MaxEvents { get; init; } = 50_000_000;

    /// <summary>Record the trace with Lamport and vector stamps (default true). Off for benchmarks and big sweeps.</summary>
    public bool RecordTrace { get; init; } = true;

    /// <summary>
    /// Called when a node sends to the pseudo-client (node 0), i.e. answers an external request: (simulation, node,
    /// message). It runs inside the run, so it may <c>Schedule</c> the client's next request.
    /// </summary>
    public Action<Simulation<TMessage, TRecord>, int, TMessage>? OnClientOutput { get; init; }

    /// <summary>How many events a <see cref="Violation"/> carries (default 20).</summary>
    public int ViolationWindow { get; init; } = 20;
}
