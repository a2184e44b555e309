namespace Arbiter.Distributed.Sweeps;

/// <summary>What a sweep found: how many seeds failed (expected 0), the first failing seed, and the worst case.</summary>
public sealed class SweepResult
{
    internal SweepResult(SeedRange seeds, IReadOnlyList<SweepRun> runs)
    {
        Seeds = seeds;
        Runs = runs;
        Failures = [.. runs.Where(r => !r.Passed)];
        Worst = runs.Where(r => !double.IsNaN(r.Metric)).OrderByDescending(r => r.Metric).ThenBy(r => r.Seed).FirstOrDefault();
    }

    /// <summary>The seeds swept.</summary>
    public SeedRange Seeds { get; }

    /// <summary>Every run, in seed order.</summary>
    public IReadOnlyList<SweepRun> Runs { get; }

    /// <summary>The runs that violated an invariant, in seed order.</summary>
    public IReadOnlyList<SweepRun> Failures { get; }

    /// <summary>How many violations in total.</summary>
    public int ViolationCount => Failures.Sum(f => f.Violations.Count);

    /// <summary>The run with the largest metric (lowest seed on ties); null when no run reported one.</summary>
    public SweepRun? Worst { get; }

    /// <summary>The first failing seed, or null.</summary>
    public int? FirstFailingSeed => Failures.Count > 0 ? Failures[0].Seed : null;

    /// <summary>One line: <c>1000 seeds, 0 violations, worst 12.5 at seed 417</c>, or the first failure with its seed.</summary>
    public string Summary()
    {
        string worst = Worst is { } w ? FormattableString.Invariant($", worst {w.Metric:0.###} at seed {w.Seed}") : "";
        string first = Failures.Count > 0 ? $"; first failure: {Failures[0].Violations[0]}" : "";
        string found = Failures.Count == 0 ? "0 violations" : FormattableString.Invariant($"{ViolationCount} violations in {Failures.Count} of the runs");
        return FormattableString.Invariant($"{Seeds.Count} seeds, {found}{worst}{first}");
    }
}
