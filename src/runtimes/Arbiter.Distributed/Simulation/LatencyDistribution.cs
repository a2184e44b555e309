using System.Globalization;

namespace Arbiter.Distributed.Simulation;

/// <summary>
/// How long a message spends in the network: a constant, a uniform range, or a shifted exponential (a floor plus
/// an exponential tail, the usual model of queueing delay). Sampled from the simulation's one seeded random source.
/// </summary>
public sealed class LatencyDistribution
{
    private readonly long _min;
    private readonly long _spread;
    private readonly Shape _shape;

    private LatencyDistribution(Shape shape, TimeSpan min, TimeSpan spread)
    {
        if (min < TimeSpan.Zero || spread < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(min), "latencies are never negative");
        }

        _shape = shape;
        _min = min.Ticks;
        _spread = spread.Ticks;
    }

    private enum Shape
    {
        Constant,
        Uniform,
        Exponential,
    }

    /// <summary>The default: uniform between 1 ms and 10 ms.</summary>
    public static LatencyDistribution Default { get; } = Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10));

    /// <summary>Every message takes exactly <paramref name="latency"/>.</summary>
    public static LatencyDistribution Constant(TimeSpan latency) => new(Shape.Constant, latency, TimeSpan.Zero);

    /// <summary>Uniform between <paramref name="min"/> and <paramref name="max"/> (inclusive of min).</summary>
    public static LatencyDistribution Uniform(TimeSpan min, TimeSpan max) =>
        max < min ? throw new ArgumentOutOfRangeException(nameof(max), "max is below min") : new(Shape.Uniform, min, max - min);

    /// <summary><paramref name="min"/> plus an exponential delay of mean <paramref name="meanExtra"/>.</summary>
    public static LatencyDistribution Exponential(TimeSpan min, TimeSpan meanExtra) => new(Shape.Exponential, min, meanExtra);

    /// <summary>The smallest latency this distribution can produce.</summary>
    public TimeSpan Min => TimeSpan.FromTicks(_min);

    /// <summary>Draws one latency, in ticks.</summary>
    internal long SampleTicks(Random random) => _shape switch
    {
        Shape.Constant => _min,
        Shape.Uniform => _spread == 0 ? _min : _min + random.NextInt64(_spread + 1),
        _ => _min + (long)(-Math.Log(1.0 - random.NextDouble()) * _spread),
    };

    /// <summary>Draws one latency.</summary>
    public TimeSpan Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return TimeSpan.FromTicks(SampleTicks(random));
    }

    /// <inheritdoc/>
    public override string ToString() => _shape switch
    {
        Shape.Constant => Ms(_min),
        Shape.Uniform => $"{Ms(_min)}..{Ms(_min + _spread)}",
        _ => $"{Ms(_min)}+exp({Ms(_spread)})",
    };

    private static string Ms(long ticks) => string.Create(CultureInfo.InvariantCulture, $"{ticks / 1e4:0.###}ms");
}
