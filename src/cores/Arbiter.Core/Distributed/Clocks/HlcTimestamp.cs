using System.Globalization;

namespace Arbiter.Core.Distributed.Clocks;

/// <summary>
/// A hybrid logical timestamp: <see cref="Wall"/> is the largest physical time the event knows of, and
/// <see cref="Logical"/> orders events that share it. Ordered lexicographically (wall, then logical).
/// </summary>
/// <param name="Wall">Physical time component (l in the paper), in the caller's unit (e.g. ticks).</param>
/// <param name="Logical">Counter component (c in the paper).</param>
public readonly record struct HlcTimestamp(long Wall, long Logical) : IComparable<HlcTimestamp>
{
    /// <inheritdoc/>
    public int CompareTo(HlcTimestamp other)
    {
        int c = Wall.CompareTo(other.Wall);
        return c != 0 ? c : Logical.CompareTo(other.Logical);
    }

    /// <summary>Less than.</summary>
    public static bool operator <(HlcTimestamp a, HlcTimestamp b) => a.CompareTo(b) < 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(HlcTimestamp a, HlcTimestamp b) => a.CompareTo(b) > 0;

    /// <summary>At most.</summary>
    public static bool operator <=(HlcTimestamp a, HlcTimestamp b) => a.CompareTo(b) <= 0;

    /// <summary>At least.</summary>
    public static bool operator >=(HlcTimestamp a, HlcTimestamp b) => a.CompareTo(b) >= 0;

    /// <summary><c>(wall,logical)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Wall},{Logical})");
}
