namespace Arbiter.Distributed.Simulation;

/// <summary>
/// A property a run must keep, checked by the simulator after every event and once at the end. It sees the global
/// view the nodes cannot: true time, which nodes are up, every node's state and every observation.
/// </summary>
/// <remarks>An invariant may keep state between calls (e.g. who is in the critical section); the simulator creates
/// no copies, so give each run its own instance.</remarks>
public interface IInvariant<TMessage, TRecord>
{
    /// <summary>A short name for reports (<c>mutual-exclusion</c>).</summary>
    string Name { get; }

    /// <summary>Checks the run after <paramref name="latest"/>; returns null when it holds, else what is wrong.</summary>
    string? Check(ISimulationView<TMessage, TRecord> view, TraceEvent latest);

    /// <summary>Checks the finished run (liveness: every request served); null when it holds.</summary>
    string? Finish(ISimulationView<TMessage, TRecord> view);
}
