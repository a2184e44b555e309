using System.Globalization;

namespace Arbiter.Distributed.Sweeps;

/// <summary>An inclusive range of seeds, written <c>1..1000</c> (or a single seed, <c>42</c>).</summary>
/// <param name="First">The first seed.</param>
/// <param name="Last">The last seed (at least <paramref name="First"/>).</param>
public readonly record struct SeedRange(int First, int Last)
{
    /// <summary>The most seeds a sweep may run.</summary>
    public const int MaxCount = 10_000_000;

    /// <summary>How many seeds.</summary>
    public int Count => Last - First + 1;

    /// <summary>The seeds, in order.</summary>
    public IEnumerable<int> Seeds => Enumerable.Range(First, Count);

    /// <summary>Parses <c>A..B</c> or <c>A</c>; throws <see cref="FormatException"/> with a one-line message.</summary>
    public static SeedRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        int dots = t.IndexOf("..", StringComparison.Ordinal);
        string a = dots < 0 ? t : t[..dots], b = dots < 0 ? t : t[(dots + 2)..];
        if (!int.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int first)
            || !int.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int last))
        {
            throw new FormatException($"seeds: '{text}' is not a seed or a range such as 1..1000");
        }

        if (last < first)
        {
            throw new FormatException($"seeds: '{text}' is empty (the last seed is below the first)");
        }

        if ((long)last - first + 1 > MaxCount)
        {
            throw new FormatException($"seeds: '{text}' has more than {MaxCount} seeds");
        }

        return new SeedRange(first, last);
    }

    /// <inheritdoc/>
    public override string ToString() => First == Last ? First.ToString(CultureInfo.InvariantCulture) : $"{First}..{Last}";
}
