namespace Arbiter.Core.Distributed.Clocks;

/// <summary>The kind of event in a <see cref="LogicalTimeline"/>.</summary>
public enum TimelineEventKind
{
    /// <summary>An event internal to the process.</summary>
    Local,

    /// <summary>A message send.</summary>
    Send,

    /// <summary>A message receive.</summary>
    Receive,
}
