using System.Globalization;

namespace Arbiter.Core.Distributed.Election;

/// <summary>
/// Checks an election run on the global view. Safety (uniqueness): at most one leader per term, ever. At the end of
/// a run whose faults healed (termination and agreement): every running node follows the same running leader.
/// </summary>
public sealed class ElectionChecker
{
    private readonly Dictionary<long, int> leaders = [];
    private readonly List<string> violations = [];

    /// <summary>Violations found so far.</summary>
    public IReadOnlyList<string> Violations => violations;

    /// <summary>Every leader elected, by term.</summary>
    public IReadOnlyDictionary<long, int> Leaders => leaders;

    /// <summary>Feeds one observation.</summary>
    public void Observe(TimeSpan at, object observation)
    {
        if (observation is LeaderElected elected)
        {
            if (leaders.TryGetValue(elected.Term, out int other) && other != elected.Leader)
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture, $"at {at.TotalMilliseconds:0.###} ms node {elected.Leader} became leader of term {elected.Term}, which node {other} already leads"));
            }

            leaders.TryAdd(elected.Term, elected.Leader);
        }
    }

    /// <summary>
    /// Agreement at the end: every running node (given with its state) follows one leader, and that leader is
    /// running. Returns the leader, or null after adding a violation.
    /// </summary>
    public int? CheckAgreement(IEnumerable<(int Node, IElectionNode State)> running)
    {
        ArgumentNullException.ThrowIfNull(running);
        var up = running.ToList();
        var followed = up.Select(u => u.State.Leader).Distinct().ToList();
        if (followed.Count != 1 || followed[0] is not int leader || up.All(u => u.Node != leader))
        {
            violations.Add("no agreement at the end: " + string.Join(", ", up.Select(u => $"node {u.Node} follows {(u.State.Leader is int l ? l.ToString(CultureInfo.InvariantCulture) : "nobody")}")));
            return null;
        }

        return leader;
    }
}
