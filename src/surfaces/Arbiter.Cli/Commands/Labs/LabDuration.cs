using System.Globalization;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Labs;

/// <summary>Durations on the command line: <c>2s</c>, <c>500ms</c>, <c>1.5s</c>, <c>1m</c>, <c>250us</c>.</summary>
internal static class LabDuration
{
    public static TimeSpan Parse(string text, string option, TimeSpan? max = null)
    {
        string t = text.Trim();
        (string number, double scaleMs) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], 1.0),
            _ when t.EndsWith("us", StringComparison.Ordinal) => (t[..^2], 0.001),
            _ when t.EndsWith('s') => (t[..^1], 1000.0),
            _ when t.EndsWith('m') => (t[..^1], 60_000.0),
            _ => ("", 0),
        };
        if (scaleMs == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || !double.IsFinite(value))
        {
            throw new InputException($"{option}: '{text}' is not a duration (use e.g. 2s, 500ms, 250us, 1m)");
        }

        var duration = TimeSpan.FromMilliseconds(value * scaleMs);
        if (max is { } limit && duration > limit)
        {
            throw new InputException($"{option}: {text} is longer than the limit of {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
        }

        return duration;
    }

    public static string Show(TimeSpan t) => t.TotalMilliseconds >= 1000
        ? $"{t.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s"
        : t.TotalMilliseconds >= 1
            ? $"{t.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture)} ms"
            : $"{(t.TotalMilliseconds * 1000).ToString("0.#", CultureInfo.InvariantCulture)} µs";
}
