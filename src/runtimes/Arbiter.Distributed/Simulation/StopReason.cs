namespace Arbiter.Distributed.Simulation;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>Nothing was left to happen: no message in flight, no timer pending, no scheduled input or fault.</summary>
    Quiescent,

    /// <summary>The run reached <see cref="SimulationOptions{TMessage, TRecord}.Until"/>.</summary>
    TimeLimit,

    /// <summary><see cref="SimulationOptions{TMessage, TRecord}.StopWhen"/> became true.</summary>
    Predicate,

    /// <summary>An invariant was violated and <see cref="SimulationOptions{TMessage, TRecord}.StopOnViolation"/> is set.</summary>
    Violation,

    /// <summary>The run processed <see cref="SimulationOptions{TMessage, TRecord}.MaxEvents"/> events (a guard against runs that never end).</summary>
    EventLimit,
}
