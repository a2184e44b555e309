using System.Globalization;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Labs;

/// <summary>Durations on the command line: a number and a unit — <c>250ns</c>, <c>50us</c> (or <c>50µs</c>), <c>2ms</c>, <c>1.5s</c> — or <c>0</c>.</summary>
internal static class IpcDuration
{
    private static readonly (string Unit, double Nanoseconds)[] Units = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)];

    public static TimeSpan Parse(string text, string option)
    {
        string t = text.Trim();
        if (t == "0")
        {
            return TimeSpan.Zero;
        }

        foreach (var (unit, ns) in Units)
        {
            if (t.EndsWith(unit, StringComparison.Ordinal)
                && double.TryParse(t[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && value >= 0 && double.IsFinite(value)
                && value * ns < TimeSpan.MaxValue.Ticks * 100.0)
            {
                return TimeSpan.FromTicks((long)Math.Round(value * ns / 100));
            }
        }

        throw new InputException($"{option}: '{text}' is not a duration (e.g. 50us, 2ms, 1s, or 0)");
    }

    /// <summary>A duration the way people read it: 850 ns, 12.3 µs, 4.56 ms, 1.23 s.</summary>
    public static string Show(TimeSpan time)
    {
        double ns = time.Ticks * 100.0;
        return ns switch
        {
            < 1e3 => $"{ns:0} ns",
            < 1e6 => $"{ns / 1e3:0.#} µs",
            < 1e9 => $"{ns / 1e6:0.##} ms",
            _ => $"{ns / 1e9:0.##} s",
        };
    }
}
