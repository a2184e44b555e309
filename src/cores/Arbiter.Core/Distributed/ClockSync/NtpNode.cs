namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>
/// NTP-style offset and delay estimation with the clock filter: four timestamps per exchange, and of the recent
/// samples the one with the least delay is trusted.
/// </summary>
/// <remarks>
/// <para>Source: D. L. Mills, "Internet Time Synchronization: The Network Time Protocol", IEEE Trans. Communications
/// 39(10), 1991; RFC 5905 (NTPv4), §8 (on-wire protocol: offset θ and delay δ) and §10 (clock filter).</para>
/// <para>Client sends at t1 (its clock), the server receives at t2 and replies at t3 (server clock), the client
/// receives at t4. Then θ = ((t2 − t1) + (t3 − t4)) / 2 and δ = (t4 − t1) − (t3 − t2). If the two directions take
/// equally long, θ is exact; otherwise it is off by half the asymmetry, and |error| ≤ δ/2 always. The filter keeps
/// the last few (θ, δ) and uses the θ with the smallest δ: a quick exchange has little room for asymmetry.</para>
/// <para>Cost: 2 messages per client per period. The real NTP adds a hierarchy of strata, server selection and
/// clustering, and a clock discipline loop that slews rather than steps; those are out of scope.</para>
/// </remarks>
public sealed class NtpNode : ClockSyncClient
{
    private readonly Queue<(TimeSpan Theta, TimeSpan Delta)> samples = new();

    /// <summary>Creates a node.</summary>
    public NtpNode(ClockSyncOptions options)
        : base(options)
    {
    }

    /// <inheritdoc/>
    protected override (TimeSpan Offset, TimeSpan Bound, TimeSpan Delay)? Estimate(ClockSyncMessage.TimeReply reply, TimeSpan t4)
    {
        ArgumentNullException.ThrowIfNull(reply);
        TimeSpan theta = ((reply.T2 - reply.T1) + (reply.T3 - t4)) / 2;
        TimeSpan delta = (t4 - reply.T1) - (reply.T3 - reply.T2);
        samples.Enqueue((theta, delta));
        while (samples.Count > Options.FilterSize)
        {
            samples.Dequeue();
        }

        // The clock filter: the least-delayed sample. It was measured a while ago, but its offset to the raw local
        // clock is still right up to the drift since then (at 100 ppm over 8 periods of 1 s: under 1 ms).
        var best = samples.MinBy(s => s.Delta);
        return (best.Theta, best.Delta / 2, best.Delta);
    }
}
