namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>How much work <see cref="LinearizabilityChecker"/> may do.</summary>
public sealed record CheckOptions
{
    /// <summary>The default budget per key: ten million search steps (a few seconds at worst).</summary>
    public const long DefaultMaxSteps = 10_000_000;

    /// <summary>
    /// Search steps allowed per key; a key whose search needs more is <see cref="LinearizabilityVerdict.Undecided"/>.
    /// A step budget, not a timeout, so that a verdict is reproducible.
    /// </summary>
    public long MaxSteps { get; init; } = DefaultMaxSteps;
}
