using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Core.Memory.Replacement;
using Arbiter.Core.Memory.Traces;

namespace Arbiter.Cli.Commands.Paging;

/// <summary>
/// Options shared by <c>arbiter paging</c>, <c>paging sweep</c> and <c>vm thrash</c>, and how they are checked:
/// the policy by name, a reference string from exactly one source, frame counts and ranges. Every failure is the
/// one-line bad-input error (exit 2) naming the option and the bad item.
/// </summary>
internal static class PagingInput
{
    /// <summary>The longest reference string accepted.</summary>
    public const int MaxReferences = 10_000_000;

    /// <summary>The most frames accepted.</summary>
    public const int MaxFrames = 1 << 20;

    public static Option<string> PolicyOption(string defaultValue) =>
        new("--policy", "-p") { Description = $"{string.Join(" | ", ReplacementPolicies.Names)} (default {defaultValue})", DefaultValueFactory = _ => defaultValue };

    public static Option<string?> TraceOption() => new("--trace", "-t") { Description = "The reference string: pages separated by commas, e.g. 7,0,1,2,0,3" };

    public static Option<string?> TraceFileOption() => new("--trace-file") { Description = "A file of pages separated by commas, spaces or new lines (# starts a comment)" };

    public static Option<int?> RandomOption() => new("--random") { Description = "Generate this many references, uniform over --pages pages, from --seed" };

    public static Option<int> PagesOption() => new("--pages") { Description = "With --random: pages 0 … M−1 (default 10)", DefaultValueFactory = _ => 10 };

    public static Option<long> SeedOption() => new("--seed") { Description = "Seed for --random and for the random policy (default 1)", DefaultValueFactory = _ => 1 };

    /// <summary>The policy named by <paramref name="text"/>.</summary>
    public static ReplacementPolicyKind Policy(string text, string option = "--policy")
    {
        if (!ReplacementPolicies.TryParse(text.Trim(), out var kind))
        {
            throw new InputException($"{option}: unknown policy '{text}' (use one of {string.Join(", ", ReplacementPolicies.Names)})");
        }

        return kind;
    }

    /// <summary>A comma-separated list of policies, or <c>all</c>.</summary>
    public static ReplacementPolicyKind[] Policies(string text, string option = "--policy")
    {
        if (text.Trim() == "all")
        {
            return Enum.GetValues<ReplacementPolicyKind>();
        }

        string[] names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0))
        {
            throw new InputException($"{option}: empty policy name in '{text}'");
        }

        return names.Select(n => Policy(n, option)).Distinct().ToArray();
    }

    /// <summary>A frame count: a whole number from 1 to <see cref="MaxFrames"/>.</summary>
    public static int Frames(int value, string option = "--frames")
    {
        if (value < 1 || value > MaxFrames)
        {
            throw new InputException($"{option}: must be between 1 and {MaxFrames}, got {value}");
        }

        return value;
    }

    /// <summary>A frame range <c>A..B</c> (or one number), 1 ≤ A ≤ B, at most <paramref name="maxPoints"/> counts.</summary>
    public static (int Min, int Max) FrameRange(string text, string option = "--frames", int maxPoints = 1024)
    {
        string t = text.Trim();
        string[] parts = t.Split("..");
        if (parts.Length is < 1 or > 2 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new InputException($"{option}: '{text}' is not a frame range (write A..B, e.g. 1..8, or one number)");
        }

        int min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int max = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        if (min > max)
        {
            throw new InputException($"{option}: '{text}' is an empty range (the first number must not exceed the second, e.g. {max}..{min})");
        }

        Frames(min, option);
        Frames(max, option);
        if (max - min + 1 > maxPoints)
        {
            throw new InputException($"{option}: '{text}' has {max - min + 1} frame counts; at most {maxPoints}");
        }

        return (min, max);
    }

    /// <summary>The reference string from exactly one of --trace, --trace-file and --random.</summary>
    public static long[] Trace(ParseResult parse, Option<string?> trace, Option<string?> traceFile, Option<int?> random, Option<int> pages, Option<long> seed, int maxReferences = MaxReferences)
    {
        string? text = parse.GetValue(trace);
        string? file = parse.GetValue(traceFile);
        int? count = parse.GetValue(random);
        int given = (text is null ? 0 : 1) + (file is null ? 0 : 1) + (count is null ? 0 : 1);
        if (given != 1)
        {
            throw new InputException(given == 0
                ? "no reference string: give --trace 1,2,3,…, --trace-file FILE or --random K"
                : "give only one of --trace, --trace-file and --random");
        }

        long[] references;
        if (count is { } k)
        {
            if (k < 1 || k > maxReferences)
            {
                throw new InputException($"--random: must be between 1 and {maxReferences}, got {k}");
            }

            int m = parse.GetValue(pages);
            if (m < 1 || m > 1_000_000_000)
            {
                throw new InputException($"--pages: must be between 1 and 1000000000, got {m}");
            }

            references = TraceGenerator.Uniform(k, m, Seed(parse, seed));
        }
        else if (text is not null)
        {
            references = Parse(text, "--trace");
        }
        else
        {
            references = Parse(ReadFile(file!), file!);
        }

        if (references.Length > maxReferences)
        {
            throw new InputException($"the reference string has {references.Length} references; at most {maxReferences}");
        }

        return references;
    }

    /// <summary>The --seed value as the generators take it (a negative seed is bad input).</summary>
    public static ulong Seed(ParseResult parse, Option<long> seed)
    {
        long s = parse.GetValue(seed);
        return s >= 0 ? (ulong)s : throw new InputException($"--seed: must not be negative, got {s}");
    }

    private static long[] Parse(string text, string where)
    {
        try
        {
            return TraceParser.Parse(text);
        }
        catch (TraceFormatException e)
        {
            throw new InputException($"{where}: {e.Message}", e);
        }
    }

    private static string ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(Directory.Exists(path) ? $"{path}: is a directory, expected a trace file" : $"{path}: no such file");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read: {e.Message}", e);
        }
    }
}
