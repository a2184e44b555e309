namespace Arbiter.Distributed.Simulation;

/// <summary>
/// The simulated network: latency, and the probabilities that a message is lost, duplicated or allowed to overtake
/// earlier messages on its link. A message a node sends to itself is delivered at once and never lost.
/// </summary>
public sealed record NetworkOptions
{
    /// <summary>A network that never loses, duplicates or reorders, with the default latency (1–10 ms).</summary>
    public static NetworkOptions Reliable { get; } = new();

    /// <summary>Latency of every link, unless <see cref="LinkLatency"/> names the link.</summary>
    public LatencyDistribution Latency { get; init; } = LatencyDistribution.Default;

    /// <summary>Per-link latency, keyed by (from, to): asymmetric links for clock synchronisation, a slow node.</summary>
    public IReadOnlyDictionary<(int From, int To), LatencyDistribution>? LinkLatency { get; init; }

    /// <summary>Probability in [0, 1] that a message is lost.</summary>
    public double Loss { get; init; }

    /// <summary>Probability in [0, 1] that a message is delivered twice (each copy with its own latency).</summary>
    public double Duplication { get; init; }

    /// <summary>
    /// Probability in [0, 1] that a message may overtake earlier messages on its link. At 0 every link is FIFO
    /// (a message is never delivered before one sent earlier on the same link); above 0, the chosen messages keep
    /// their sampled latency and may arrive out of order.
    /// </summary>
    public double Reordering { get; init; }

    /// <summary>Throws unless every probability is in [0, 1].</summary>
    public void Validate()
    {
        Check(Loss, nameof(Loss));
        Check(Duplication, nameof(Duplication));
        Check(Reordering, nameof(Reordering));
        ArgumentNullException.ThrowIfNull(Latency);
    }

    private static void Check(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(name, p, "a probability lies in [0, 1]");
        }
    }
}
