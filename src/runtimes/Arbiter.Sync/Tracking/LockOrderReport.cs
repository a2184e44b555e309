namespace Arbiter.Sync.Tracking;

/// <summary>
/// What the validator found: either a cycle in the lock-order graph (an inversion: these orders together can
/// deadlock, whether or not this run did) or a lock class taken while the thread already holds it.
/// </summary>
public sealed record LockOrderReport
{
    /// <summary>The kind of problem.</summary>
    public required LockOrderProblem Problem { get; init; }

    /// <summary>The classes of the cycle in order, the first repeated at the end (A, B, A).</summary>
    public required IReadOnlyList<string> Cycle { get; init; }

    /// <summary>The edges of the cycle; the last is the acquisition that closed it, taken now.</summary>
    public required IReadOnlyList<LockOrderEdge> Edges { get; init; }

    /// <summary>One line: what was found.</summary>
    public string Summary => Problem switch
    {
        LockOrderProblem.RecursiveLocking =>
            $"possible recursive locking: {Cycle[0]} acquired while already held (annotate nesting with a subclass)",
        _ => $"lock-order inversion: {string.Join(" → ", Cycle)} (each order was seen; together they can deadlock)",
    };

    /// <inheritdoc />
    public override string ToString() => Summary;
}
