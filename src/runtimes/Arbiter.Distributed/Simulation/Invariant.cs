namespace Arbiter.Distributed.Simulation;

/// <summary>
/// Builds an <see cref="IInvariant{TMessage, TRecord}"/> from functions, so a pure checker in the core (fed
/// observations and crashes) plugs into the simulator without a class per algorithm.
/// </summary>
public static class Invariant
{
    /// <summary>An invariant from a per-event check and an optional end-of-run check (each null when it holds).</summary>
    public static IInvariant<TMessage, TRecord> Create<TMessage, TRecord>(string name,
        Func<ISimulationView<TMessage, TRecord>, TraceEvent, string?> check,
        Func<ISimulationView<TMessage, TRecord>, string?>? finish = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(check);
        return new DelegateInvariant<TMessage, TRecord>(name, check, finish ?? (_ => null));
    }

    /// <summary>
    /// An invariant over observations only: <paramref name="onObservation"/> sees each observation (time, node,
    /// value) and <paramref name="onCrash"/> each crash; both return null while the property holds.
    /// </summary>
    public static IInvariant<TMessage, TRecord> OnObservations<TMessage, TRecord>(string name,
        Func<Observation, string?> onObservation, Func<TimeSpan, int, string?>? onCrash = null,
        Func<ISimulationView<TMessage, TRecord>, string?>? finish = null)
    {
        ArgumentNullException.ThrowIfNull(onObservation);
        return Create<TMessage, TRecord>(name, (view, e) => e.Kind switch
        {
            TraceKind.Observe => onObservation(new Observation(e.Time, view.LocalNow(e.Node), e.Node, e.Payload!)),
            TraceKind.Crash => onCrash?.Invoke(e.Time, e.Node),
            _ => null,
        }, finish);
    }

    private sealed class DelegateInvariant<TMessage, TRecord>(string name,
        Func<ISimulationView<TMessage, TRecord>, TraceEvent, string?> check,
        Func<ISimulationView<TMessage, TRecord>, string?> finish) : IInvariant<TMessage, TRecord>
    {
        public string Name => name;

        public string? Check(ISimulationView<TMessage, TRecord> view, TraceEvent latest) => check(view, latest);

        public string? Finish(ISimulationView<TMessage, TRecord> view) => finish(view);
    }
}
