using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// The options every <c>sim</c> command shares — <c>--seed</c>, <c>--seeds</c>, <c>--faults</c>, <c>--svg</c> — and
/// how they are read, each failing with the one-line bad-input error (exit 2) that names the option.
/// </summary>
internal static class SimInput
{
    /// <summary><c>--seed N</c>: the run's seed (default 1).</summary>
    public static Option<int> SeedOption() =>
        new("--seed") { Description = "Seed of the run: the same seed reproduces the run event for event (default 1)", DefaultValueFactory = _ => 1 };

    /// <summary><c>--seeds A..B</c>: sweep these seeds instead of one run.</summary>
    public static Option<string?> SeedsOption() =>
        new("--seeds") { Description = "Sweep a range of seeds, e.g. 1..1000: report violations (expected 0), the worst case and the first failing seed" };

    /// <summary><c>--faults SCHEDULE|random</c>.</summary>
    public static Option<string?> FaultsOption() =>
        new("--faults") { Description = "Faults: a script such as \"partition {1,2}|{3,4,5} at 2s, heal at 5s, crash 3 at 6s, restart 3 at 8s\", or 'random' (a seeded nemesis)" };

    /// <summary><c>--svg FILE</c>: draw the run as a space-time diagram.</summary>
    public static Option<string?> SvgOption() =>
        new("--svg") { Description = "Write a space-time diagram of the run (processes as lines, messages as arrows) to FILE" };

    /// <summary>The seed range of <c>--seeds</c>, or null when absent.</summary>
    public static SeedRange? Seeds(ParseResult parse, Option<string?> option)
    {
        string? text = parse.GetValue(option);
        if (text is null)
        {
            return null;
        }

        try
        {
            return SeedRange.Parse(text);
        }
        catch (FormatException e)
        {
            throw new InputException($"--{e.Message}");
        }
    }

    /// <summary>
    /// The fault schedule of <c>--faults</c> for a run with <paramref name="members"/> and <paramref name="seed"/>:
    /// none when absent, a nemesis drawn from the seed for <c>random</c>, else the parsed script (checked against the members).
    /// </summary>
    public static FaultSchedule Faults(ParseResult parse, Option<string?> option, IReadOnlyList<int> members, int seed, NemesisOptions? nemesis = null)
    {
        string? text = parse.GetValue(option);
        return Faults(text, members, seed, nemesis);
    }

    /// <summary>As <see cref="Faults(ParseResult, Option{string?}, IReadOnlyList{int}, int, NemesisOptions?)"/>, from the text.</summary>
    public static FaultSchedule Faults(string? text, IReadOnlyList<int> members, int seed, NemesisOptions? nemesis = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return FaultSchedule.None;
        }

        if (text.Trim().Equals("random", StringComparison.OrdinalIgnoreCase))
        {
            return Nemesis.Generate(nemesis ?? NemesisOptions.Default, members, seed);
        }

        try
        {
            FaultSchedule schedule = FaultSchedule.Parse(text);
            schedule.Validate(members);
            return schedule;
        }
        catch (FaultScheduleException e)
        {
            throw new InputException($"--faults: {e.Message}");
        }
    }
}
