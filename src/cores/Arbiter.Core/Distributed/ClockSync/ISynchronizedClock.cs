namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>What a checker reads from a clock-synchronising node.</summary>
public interface ISynchronizedClock
{
    /// <summary>The offset the node adds to its local clock (it cannot set the clock itself).</summary>
    TimeSpan Offset { get; }
}
