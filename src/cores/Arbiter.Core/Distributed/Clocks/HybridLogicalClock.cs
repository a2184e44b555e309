namespace Arbiter.Core.Distributed.Clocks;

/// <summary>
/// A hybrid logical clock (HLC): a logical clock whose timestamps stay close to physical time. If e happened
/// before f then hlc(e) &lt; hlc(f), like Lamport; and the wall part never lags the local physical clock and exceeds
/// it by at most the clocks' skew, so timestamps can be read as (nearly) real time.
/// </summary>
/// <remarks>
/// Source: S. Kulkarni, M. Demirbas, D. Madappa, B. Avva, M. Leone, "Logical Physical Clocks", OPODIS 2014,
/// Figure 5 (the HLC algorithm). Cost: O(1) per event; two integers per message. The physical time is passed in
/// by the caller (a runtime's TimeProvider or the simulator's skewed clock), so the clock itself stays pure.
/// </remarks>
public sealed class HybridLogicalClock
{
    /// <summary>The timestamp of the last event; (0,0) before any.</summary>
    public HlcTimestamp Time { get; private set; }

    /// <summary>A local or send event at physical time <paramref name="physical"/>: returns its timestamp.</summary>
    public HlcTimestamp Tick(long physical)
    {
        long old = Time.Wall;
        long wall = Math.Max(old, physical);
        // Same wall as before: the physical clock has not moved past it, so the counter breaks the tie.
        Time = new HlcTimestamp(wall, wall == old ? Time.Logical + 1 : 0);
        return Time;
    }

    /// <summary>A receive of a message stamped <paramref name="received"/> at physical time <paramref name="physical"/>.</summary>
    public HlcTimestamp Receive(HlcTimestamp received, long physical)
    {
        long old = Time.Wall;
        long wall = Math.Max(Math.Max(old, received.Wall), physical);
        long logical;
        if (wall == old && wall == received.Wall)
        {
            logical = Math.Max(Time.Logical, received.Logical) + 1;
        }
        else if (wall == old)
        {
            logical = Time.Logical + 1;
        }
        else if (wall == received.Wall)
        {
            logical = received.Logical + 1;
        }
        else
        {
            logical = 0; // physical time is ahead of everything known: the counter restarts
        }

        Time = new HlcTimestamp(wall, logical);
        return Time;
    }
}
