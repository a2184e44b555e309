using System.Globalization;

namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>
/// Checks mutual exclusion on the global view of a run: fed every observation in time order (and every crash), it
/// flags any moment with two nodes in the critical section, and measures entries and waits. It depends only on the
/// observation types, so it judges any algorithm — including a broken one.
/// </summary>
public sealed class MutualExclusionChecker
{
    private readonly Dictionary<int, TimeSpan> asked = [];
    private readonly List<string> violations = [];
    private int? inside;

    /// <summary>Safety violations found so far, each naming the time and the nodes.</summary>
    public IReadOnlyList<string> Violations => violations;

    /// <summary>Entries into the critical section.</summary>
    public int Entries { get; private set; }

    /// <summary>Requests made.</summary>
    public int Requests { get; private set; }

    /// <summary>The longest time from a request to its entry.</summary>
    public TimeSpan MaxWait { get; private set; }

    /// <summary>Nodes that asked and have not (yet) entered.</summary>
    public IReadOnlyCollection<int> Waiting => asked.Keys;

    /// <summary>Feeds one observation made by <paramref name="node"/> at <paramref name="at"/> (true time).</summary>
    public void Observe(TimeSpan at, int node, object observation)
    {
        switch (observation)
        {
            case CriticalSectionRequested:
                Requests++;
                asked[node] = at;
                break;
            case CriticalSectionEntered:
                Entries++;
                if (inside is int other && other != node)
                {
                    violations.Add(string.Create(CultureInfo.InvariantCulture, $"at {at.TotalMilliseconds:0.###} ms node {node} entered the critical section while node {other} was in it"));
                }

                inside = node;
                if (asked.Remove(node, out var since) && at - since > MaxWait)
                {
                    MaxWait = at - since;
                }

                break;
            case CriticalSectionExited when inside == node:
                inside = null;
                break;
        }
    }

    /// <summary>A crashed node leaves the critical section (and forgets its request).</summary>
    public void Crashed(int node)
    {
        asked.Remove(node);
        if (inside == node)
        {
            inside = null;
        }
    }

    /// <summary>Liveness on a healthy run: every request was served. Adds a violation per node still waiting.</summary>
    public void CheckAllServed(TimeSpan end)
    {
        foreach (var (node, since) in asked.OrderBy(a => a.Key))
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"node {node} asked at {since.TotalMilliseconds:0.###} ms and was still waiting at {end.TotalMilliseconds:0.###} ms"));
        }
    }
}
