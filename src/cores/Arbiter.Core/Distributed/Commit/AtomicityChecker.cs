using System.Globalization;

namespace Arbiter.Core.Distributed.Commit;

/// <summary>
/// Checks atomic commitment on the global view (Bernstein et al. §7.2, AC1–AC2): every node that decides reaches the
/// same decision; commit only if every participant voted yes. At the end of a healed run: everyone decided.
/// </summary>
public sealed class AtomicityChecker
{
    private readonly Dictionary<int, bool> votes = [];
    private readonly Dictionary<int, bool> decided = [];
    private readonly List<string> violations = [];

    /// <summary>Violations found so far.</summary>
    public IReadOnlyList<string> Violations => violations;

    /// <summary>The decision reached, or null.</summary>
    public bool? Outcome { get; private set; }

    /// <summary>The nodes that reported being blocked in the window of uncertainty.</summary>
    public SortedSet<int> Blocked { get; } = [];

    /// <summary>Feeds one observation.</summary>
    public void Observe(TimeSpan at, object observation)
    {
        string time = string.Create(CultureInfo.InvariantCulture, $"at {at.TotalMilliseconds:0.###} ms");
        switch (observation)
        {
            case VoteCast v:
                votes[v.Node] = v.Yes;
                break;
            case ParticipantUncertain u:
                Blocked.Add(u.Node);
                break;
            case TransactionDecided d:
                decided[d.Node] = d.Commit;
                Outcome ??= d.Commit;
                if (Outcome != d.Commit)
                {
                    violations.Add($"{time} node {d.Node} decided {Word(d.Commit)} but {Word(Outcome.Value)} was decided before (AC1)");
                }

                if (d.Commit && votes.Any(v => !v.Value))
                {
                    violations.Add($"{time} node {d.Node} committed although node {votes.First(v => !v.Value).Key} voted no (AC2)");
                }

                break;
        }
    }

    /// <summary>At the end of a run whose faults healed: every node in <paramref name="members"/> knows the outcome.</summary>
    public void CheckAllDecided(IEnumerable<int> members)
    {
        var missing = members.Where(m => !decided.ContainsKey(m)).ToList();
        if (missing.Count > 0)
        {
            violations.Add($"node(s) {string.Join(", ", missing)} never learned the outcome");
        }
    }

    private static string Word(bool commit) => commit ? "commit" : "abort";
}
