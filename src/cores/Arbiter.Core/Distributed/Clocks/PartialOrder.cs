namespace Arbiter.Core.Distributed.Clocks;

/// <summary>How two vector timestamps (two events) relate under happened-before.</summary>
public enum PartialOrder
{
    /// <summary>The same event (equal vectors).</summary>
    Equal,

    /// <summary>The first happened before the second (a → b).</summary>
    Before,

    /// <summary>The second happened before the first (b → a).</summary>
    After,

    /// <summary>Neither happened before the other (a ∥ b).</summary>
    Concurrent,
}
