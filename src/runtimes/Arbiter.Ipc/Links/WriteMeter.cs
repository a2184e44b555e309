using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Arbiter.Ipc.Links;

/// <summary>
/// What one phase's sends cost the writer: how many frames had to wait for room (backpressure), for how long in
/// total, and — when <see cref="TrackOccupancy"/> is on — the fullest the outgoing buffer was seen. Occupancy is
/// sampled when the writer finds the buffer full and after every frame; sampling costs a system call for pipes
/// and sockets, so the throughput phase leaves it off.
/// </summary>
internal sealed class WriteMeter
{
    /// <summary>Sample the buffer's occupancy around every frame.</summary>
    public bool TrackOccupancy { get; init; }

    /// <summary>Frames sent.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames that found no room and waited for the reader.</summary>
    public long BlockedFrames { get; private set; }

    /// <summary>Stopwatch ticks spent waiting for room.</summary>
    public long BlockedTicks { get; private set; }

    /// <summary>Largest occupancy sampled, in the buffer's own unit (see <see cref="IFrameLink.Occupancy"/>).</summary>
    public long MaxOccupancy { get; private set; }

    /// <summary>Total time spent waiting for room.</summary>
    public TimeSpan BlockedTime => TimeSpan.FromSeconds(BlockedTicks / (double)Stopwatch.Frequency);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Sent(long blockedTicks)
    {
        Frames++;
        if (blockedTicks > 0)
        {
            BlockedFrames++;
            BlockedTicks += blockedTicks;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(long occupancy) => MaxOccupancy = Math.Max(MaxOccupancy, occupancy);
}
