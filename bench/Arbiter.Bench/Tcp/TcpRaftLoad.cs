namespace Arbiter.Bench.Tcp;

/// <summary>What one load run measured (latencies from the proposal's first send to its Ok answer).</summary>
/// <param name="Proposals">Proposals answered Ok.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="LatenciesMs">Each proposal's latency in ms, sorted.</param>
/// <param name="Retries">Proposals sent again (no leader, or a leader change).</param>
internal sealed record TcpRaftLoad(int Proposals, TimeSpan Elapsed, double[] LatenciesMs, int Retries)
{
    public double PerSecond => Proposals / Elapsed.TotalSeconds;

    /// <summary>The q-quantile by the nearest-rank method (q in (0, 1]).</summary>
    public double Quantile(double q) =>
        LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Clamp((int)Math.Ceiling(q * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];
}
