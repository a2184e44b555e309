namespace Arbiter.Distributed.Simulation;

/// <summary>The global view of a run, for invariant checkers, stop predicates and drivers.</summary>
public interface ISimulationView<TMessage, TRecord>
{
    /// <summary>The run's seed.</summary>
    int Seed { get; }

    /// <summary>True (virtual) time.</summary>
    TimeSpan Now { get; }

    /// <summary>Every node id, ascending.</summary>
    IReadOnlyList<int> Members { get; }

    /// <summary>True when <paramref name="node"/> is running (not crashed).</summary>
    bool IsUp(int node);

    /// <summary>The running instance of <paramref name="node"/> (cast it to read its state); null while crashed.</summary>
    INode<TMessage, TRecord>? NodeOf(int node);

    /// <summary>What <paramref name="node"/>'s local clock reads now (true time distorted by skew and drift).</summary>
    TimeSpan LocalNow(int node);

    /// <summary>Everything <paramref name="node"/> has persisted, in order.</summary>
    IReadOnlyList<TRecord> Persisted(int node);

    /// <summary>Every observation so far, in order.</summary>
    IReadOnlyList<Observation> Observations { get; }

    /// <summary>Counters so far.</summary>
    MessageCounters Counters { get; }

    /// <summary>The trace so far (empty when the run records none).</summary>
    IReadOnlyList<TraceEvent> Trace { get; }
}
