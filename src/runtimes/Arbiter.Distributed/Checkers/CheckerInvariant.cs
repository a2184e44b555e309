using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>
/// Adapts one of the core's pure checkers (fed observations and crashes, collecting violation lines) to the
/// simulator's <see cref="IInvariant{TMessage, TRecord}"/>: every event goes to <c>feed</c>, and each new violation
/// line the checker adds fails the run at that event.
/// </summary>
/// <typeparam name="TMessage">The algorithm's message type.</typeparam>
/// <typeparam name="TRecord">What its nodes persist.</typeparam>
public sealed class CheckerInvariant<TMessage, TRecord> : IInvariant<TMessage, TRecord>
{
    private readonly Action<TraceEvent> feed;
    private readonly Func<IReadOnlyList<string>> violations;
    private readonly Action<ISimulationView<TMessage, TRecord>>? finish;
    private int reported;

    /// <summary>Creates the adapter.</summary>
    /// <param name="name">The invariant's name in reports.</param>
    /// <param name="feed">Called with every event of the run, in order.</param>
    /// <param name="violations">The checker's violation lines so far.</param>
    /// <param name="finish">End-of-run checks (liveness, agreement); may add violation lines.</param>
    public CheckerInvariant(string name, Action<TraceEvent> feed, Func<IReadOnlyList<string>> violations, Action<ISimulationView<TMessage, TRecord>>? finish = null)
    {
        Name = name;
        this.feed = feed;
        this.violations = violations;
        this.finish = finish;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string? Check(ISimulationView<TMessage, TRecord> view, TraceEvent latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        feed(latest);
        return Next();
    }

    /// <inheritdoc/>
    public string? Finish(ISimulationView<TMessage, TRecord> view)
    {
        finish?.Invoke(view);
        return Next();
    }

    private string? Next()
    {
        var lines = violations();
        return lines.Count > reported ? lines[reported++] : null;
    }
}
