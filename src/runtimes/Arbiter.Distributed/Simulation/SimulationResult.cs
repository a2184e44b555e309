namespace Arbiter.Distributed.Simulation;

/// <summary>What a run did: why it stopped, counters, observations, violations and (when recorded) the trace.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(int seed, IReadOnlyList<int> members, StopReason reason, TimeSpan endTime, long events, MessageCounters counters,
        IReadOnlyList<TraceEvent> trace, IReadOnlyList<Observation> observations, IReadOnlyList<Violation> violations)
    {
        Seed = seed;
        Members = members;
        StopReason = reason;
        EndTime = endTime;
        Events = events;
        Counters = counters;
        Trace = trace;
        Observations = observations;
        Violations = violations;
    }

    /// <summary>The seed that reproduces the run.</summary>
    public int Seed { get; }

    /// <summary>The node ids.</summary>
    public IReadOnlyList<int> Members { get; }

    /// <summary>Why the run ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>True time at the end: the last event's time when quiescent, the limit when stopped by <c>Until</c>.</summary>
    public TimeSpan EndTime { get; }

    /// <summary>How many events (deliveries, timers, inputs, faults, starts) the run processed.</summary>
    public long Events { get; }

    /// <summary>Messages, timers, crashes.</summary>
    public MessageCounters Counters { get; }

    /// <summary>Every event in order (empty unless <see cref="SimulationOptions{TMessage, TRecord}.RecordTrace"/>).</summary>
    public IReadOnlyList<TraceEvent> Trace { get; }

    /// <summary>Every observation in order.</summary>
    public IReadOnlyList<Observation> Observations { get; }

    /// <summary>Invariant violations, in order; empty when the run kept every invariant.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>True when no invariant was violated.</summary>
    public bool Passed => Violations.Count == 0;

    /// <summary>The observations of type <typeparamref name="T"/>, in order.</summary>
    public IEnumerable<(Observation Observation, T Value)> Observed<T>() =>
        Observations.Where(o => o.Value is T).Select(o => (o, (T)o.Value));
}
