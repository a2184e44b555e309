namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>Timing of clock synchronisation. Node 1 is Cristian's and NTP's time server and Berkeley's master.</summary>
/// <param name="Period">How often (local time) a client resynchronises, or the master polls.</param>
public sealed record ClockSyncOptions(TimeSpan Period)
{
    /// <summary>Berkeley: clocks further than this from the median are left out of the average (Gusella and Zatti's fault-tolerant average).</summary>
    public TimeSpan OutlierLimit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>NTP's clock filter: how many recent samples are kept; the one with the smallest delay is used (RFC 5905 §10).</summary>
    public int FilterSize { get; init; } = 8;
}
