using System.Globalization;

namespace Arbiter.Core.Distributed.Consensus;

/// <summary>
/// Checks consensus on the global view: agreement (every learner that decides, decides the same value) and
/// validity (the value decided was proposed). Termination is checked at the end of healed runs.
/// </summary>
public sealed class ConsensusChecker
{
    private readonly HashSet<string> proposed = new(StringComparer.Ordinal);
    private readonly List<string> violations = [];

    /// <summary>Violations found so far.</summary>
    public IReadOnlyList<string> Violations => violations;

    /// <summary>The first value decided, or null.</summary>
    public string? Chosen { get; private set; }

    /// <summary>How many learners decided (a learner decides once; restarts may decide again).</summary>
    public int Decisions { get; private set; }

    /// <summary>When the first decision was made.</summary>
    public TimeSpan? ChosenAt { get; private set; }

    /// <summary>Feeds one observation.</summary>
    public void Observe(TimeSpan at, object observation)
    {
        switch (observation)
        {
            case ValueProposed p:
                proposed.Add(p.Value);
                break;
            case ValueDecided d:
                Decisions++;
                if (!proposed.Contains(d.Value))
                {
                    violations.Add(string.Create(CultureInfo.InvariantCulture, $"at {at.TotalMilliseconds:0.###} ms node {d.Node} decided '{d.Value}', which nobody proposed (validity)"));
                }

                if (Chosen is null)
                {
                    (Chosen, ChosenAt) = (d.Value, at);
                }
                else if (Chosen != d.Value)
                {
                    violations.Add(string.Create(CultureInfo.InvariantCulture, $"at {at.TotalMilliseconds:0.###} ms node {d.Node} decided '{d.Value}' but '{Chosen}' was decided before (agreement)"));
                }

                break;
        }
    }

    /// <summary>Termination at the end of a healed run: every given learner has learned a value.</summary>
    public void CheckAllLearned(IEnumerable<(int Node, string? Decided)> learners)
    {
        var undecided = (learners ?? []).Where(l => l.Decided is null).Select(l => l.Node).ToList();
        if (undecided.Count > 0)
        {
            violations.Add($"learner(s) {string.Join(", ", undecided)} never learned a value (termination)");
        }
    }
}
