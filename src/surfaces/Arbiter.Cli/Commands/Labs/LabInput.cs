using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Labs;

/// <summary>
/// The options every lab shares and how they are checked: counts, choices and durations, each failing with the
/// one-line bad-input error (exit 2) that names the option.
/// </summary>
internal static class LabInput
{
    private static readonly (string Unit, double Nanoseconds)[] Units =
        [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9)];

    /// <summary>Throws the one-line bad-input error unless 1 ≤ <paramref name="value"/> ≤ <paramref name="max"/>.</summary>
    public static void RequireCount(string option, long value, long max)
    {
        if (value < 1 || value > max)
        {
            throw new InputException($"{option}: must be between 1 and {max}, got {value}");
        }
    }

    /// <summary>The option's value, which must be a positive integer not above <paramref name="max"/>.</summary>
    public static int Positive(ParseResult parse, Option<int> option, int max)
    {
        int value = parse.GetValue(option);
        RequireCount(option.Name, value, max);
        return value;
    }

    /// <summary>
    /// The option's value, checked against <paramref name="allowed"/> here rather than by the parser, whose error
    /// for a bad choice spans several lines (the contract is one line).
    /// </summary>
    public static string? Choice(ParseResult parse, Option<string?> option, IReadOnlyCollection<string> allowed)
    {
        string? value = parse.GetValue(option);
        if (value is not null && !allowed.Contains(value))
        {
            throw new InputException($"{option.Name}: '{value}' is not one of {string.Join(", ", allowed)}");
        }

        return value;
    }

    /// <summary>A count option with a default; checked positive when read (<see cref="Positive"/>).</summary>
    public static Option<int> CountOption(string name, string alias, string description, int defaultValue) =>
        new(name, alias) { Description = $"{description} (default {defaultValue})", DefaultValueFactory = _ => defaultValue };

    /// <summary>A duration option such as 2s, 500ms or 1m.</summary>
    public static Option<string> DurationOption(string description, string defaultValue) =>
        new("--duration", "-d") { Description = $"{description}: 500ms, 2s, 1.5s, 1m (default {defaultValue})", DefaultValueFactory = _ => defaultValue };

    /// <summary>Parses a lab's run length: 1 ms to 10 minutes.</summary>
    public static TimeSpan ParseDuration(string text, string option) =>
        ParseDuration(text, option, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10));

    /// <summary>
    /// Parses a number and a unit — <c>250ns</c>, <c>50us</c> (or <c>50µs</c>), <c>2ms</c>, <c>1.5s</c>, <c>1m</c> —
    /// or <c>0</c>, and checks it lies in [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static TimeSpan ParseDuration(string text, string option, TimeSpan min, TimeSpan max)
    {
        string t = text.Trim();
        TimeSpan? parsed = t == "0" ? TimeSpan.Zero : null;
        foreach (var (unit, ns) in Units)
        {
            if (parsed is null
                && t.EndsWith(unit, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(t[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && value >= 0 && double.IsFinite(value)
                && value * ns < TimeSpan.MaxValue.Ticks * 100.0)
            {
                parsed = TimeSpan.FromTicks((long)Math.Round(value * ns / 100));
            }
        }

        if (parsed is not { } duration)
        {
            throw new InputException($"{option}: '{text}' is not a duration (use a number and a unit: 50us, 500ms, 2s, 1m)");
        }

        if (duration < min || duration > max)
        {
            throw new InputException($"{option}: '{text}' is out of range ({ShowDuration(min)} … {ShowDuration(max)})");
        }

        return duration;
    }

    /// <summary>A duration the way people read it: 850 ns, 12.3 µs, 4.56 ms, 1.23 s.</summary>
    public static string ShowDuration(TimeSpan time)
    {
        double ns = time.Ticks * 100.0;
        return ns switch
        {
            0 => "0",
            < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{ns:0} ns"),
            < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.#} µs"),
            < 1e9 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.##} ms"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e9:0.##} s"),
        };
    }
}
