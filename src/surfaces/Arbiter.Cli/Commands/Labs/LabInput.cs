using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Labs;

/// <summary>Checks shared by the lab commands' options.</summary>
internal static class LabInput
{
    /// <summary>Throws the one-line bad-input error unless 1 ≤ <paramref name="value"/> ≤ <paramref name="max"/>.</summary>
    public static void RequireCount(string option, long value, long max)
    {
        if (value < 1 || value > max)
        {
            throw new InputException($"{option}: must be between 1 and {max}, got {value}");
        }
    }
}
