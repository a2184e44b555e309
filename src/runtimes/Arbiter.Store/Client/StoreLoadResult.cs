namespace Arbiter.Store.Client;

/// <summary>One phase of a <see cref="StoreLoad"/> run: throughput and latency percentiles over its successful requests.</summary>
/// <param name="Operation">"put" or "read".</param>
/// <param name="Completed">Requests answered successfully.</param>
/// <param name="Failed">Requests refused or unanswered.</param>
/// <param name="Elapsed">Wall time of the phase.</param>
/// <param name="P50">Median latency.</param>
/// <param name="P99">99th percentile latency.</param>
/// <param name="P999">99.9th percentile latency.</param>
/// <param name="FirstError">The first failure's message, if any.</param>
public sealed record StoreLoadPhase(string Operation, long Completed, long Failed, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, TimeSpan P999, string? FirstError)
{
    /// <summary>Successful requests per second.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;
}
