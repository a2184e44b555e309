namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>
/// Cristian's algorithm: a client asks a time server and sets its clock to the server's time plus half the round trip.
/// </summary>
/// <remarks>
/// <para>Source: F. Cristian, "Probabilistic Clock Synchronization", Distributed Computing 3(3), 1989, §3 (reading a
/// remote clock); the seeds' week 9 slides.</para>
/// <para>The client notes its clock t0, asks, and gets the server's time T at its clock t1. The reply took between
/// 0 and RTT = t1 − t0, so the server's clock now reads T + RTT/2 within ±RTT/2. Node 1 is the server (its clock is
/// the reference); every other node repeats this every period, because clocks drift apart again.</para>
/// <para>Cost: 2 messages per client per period. Error: at most RTT/2 at the moment of correction (less the minimum
/// one-way delay, if known), growing with the drift until the next; asymmetric delays pull the error towards ±RTT/2.</para>
/// </remarks>
public sealed class CristianNode : ClockSyncClient
{
    /// <summary>Creates a node.</summary>
    public CristianNode(ClockSyncOptions options)
        : base(options)
    {
    }

    /// <inheritdoc/>
    protected override (TimeSpan Offset, TimeSpan Bound, TimeSpan Delay)? Estimate(ClockSyncMessage.TimeReply reply, TimeSpan t4)
    {
        ArgumentNullException.ThrowIfNull(reply);
        TimeSpan rtt = t4 - reply.T1;
        TimeSpan serverNow = reply.T3 + rtt / 2;
        // The offset is against the raw local clock t4, not the corrected one: corrections do not compound.
        return (serverNow - t4, rtt / 2, rtt);
    }
}
