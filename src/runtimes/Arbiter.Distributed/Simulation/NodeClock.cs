namespace Arbiter.Distributed.Simulation;

/// <summary>
/// A node's local clock against the simulator's true time: local = <see cref="Offset"/> + true × (1 + <see cref="Drift"/>).
/// A drift of 1e-4 gains 100 µs per second (100 ppm); a negative drift runs slow.
/// </summary>
/// <param name="Offset">The skew at true time 0.</param>
/// <param name="Drift">The rate error, above −1.</param>
public readonly record struct NodeClock(TimeSpan Offset, double Drift)
{
    /// <summary>A perfect clock.</summary>
    public static NodeClock Perfect => default;

    /// <summary>The local time at true time <paramref name="trueTime"/>.</summary>
    public TimeSpan LocalAt(TimeSpan trueTime) => Offset + TimeSpan.FromTicks((long)Math.Round(trueTime.Ticks * (1 + Drift)));

    /// <summary>How much true time passes while this clock advances by <paramref name="localDelay"/>.</summary>
    public long TrueTicksFor(TimeSpan localDelay) => Drift == 0 ? localDelay.Ticks : (long)Math.Ceiling(localDelay.Ticks / (1 + Drift));
}
