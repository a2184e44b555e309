namespace Arbiter.Core.Distributed.Clocks;

/// <summary>
/// A Lamport logical clock: one counter per process, so that if event a happened before event b then
/// L(a) &lt; L(b) (the converse does not hold — that is what vector clocks add).
/// </summary>
/// <remarks>
/// Source: L. Lamport, "Time, Clocks, and the Ordering of Events in a Distributed System", CACM 21(7), 1978,
/// implementation rules IR1 and IR2. Cost: O(1) time and space per event; one integer per message.
/// <list type="bullet">
/// <item>IR1: each local event (including a send) increments the counter first.</item>
/// <item>IR2: a receive sets the counter to max(local, received) and then increments it.</item>
/// </list>
/// </remarks>
public sealed class LamportClock
{
    /// <summary>The timestamp of the last event of this process; 0 before any event.</summary>
    public long Time { get; private set; }

    /// <summary>Creates a clock at 0.</summary>
    public LamportClock() { }

    /// <summary>Creates a clock at <paramref name="time"/> (for a process restored from a snapshot).</summary>
    public LamportClock(long time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(time);
        Time = time;
    }

    /// <summary>A local or send event (IR1): returns its timestamp, which a send attaches to the message.</summary>
    public long Tick() => ++Time;

    /// <summary>A receive event of a message stamped <paramref name="received"/> (IR2): returns its timestamp.</summary>
    public long Receive(long received)
    {
        // The max is what makes the receive come after the send: L(send) = received < L(receive).
        Time = Math.Max(Time, received) + 1;
        return Time;
    }
}
