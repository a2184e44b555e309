using System.Globalization;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Raft;

/// <summary>
/// Raft's safety properties (Ongaro &amp; Ousterhout 2014, Figure 3) as simulator invariants, checked after every
/// event of a run: election safety, log matching, leader completeness and state machine safety. One checker per
/// run (it keeps what it has seen).
/// </summary>
/// <remarks>
/// <para>Election safety: at most one <see cref="RaftBecameLeader"/> per term. State machine safety: every
/// <see cref="RaftEntryApplied"/> at an index has the same term and data hash. Log matching, checked incrementally:
/// each (index, term) that appears in any log must always carry the same data and follow the same previous term —
/// by induction over indexes this is exactly "two logs with an entry of the same index and term are identical up
/// to it". Leader completeness: when a leader is elected, its log must hold every entry any server has applied
/// (applied implies committed), with the same term and data; entries under its snapshot are taken as held.</para>
/// <para>With membership changes (dissertation chapter 4) the properties are unchanged — election safety is per
/// term, whatever configuration elected the leader — and entries are compared by <see cref="RaftHash.OfEntry"/>, so
/// a configuration entry's members count as its data. Two checks are added: a new leader is a voter of its own
/// configuration (learners and removed servers never lead), and in every log each configuration entry changes the
/// voters of the configuration before it by at most one server (§4.1: what makes consecutive majorities overlap).</para>
/// <para>Cost: O(1) per observation; O(new entries) per persist for log matching; O(committed) per election.</para>
/// </remarks>
public sealed class RaftSafetyChecker
{
    private readonly Dictionary<long, int> _leaders = [];
    private readonly Dictionary<long, (long Term, ulong Hash)> _applied = [];
    private readonly Dictionary<(long Index, long Term), (ulong Hash, long PrevTerm)> _entries = [];
    private readonly Dictionary<int, (RaftLog Log, long Version, long Index, long Term)> _scanned = [];

    /// <summary>Leaders elected so far, by term.</summary>
    public IReadOnlyDictionary<long, int> Leaders => _leaders;

    /// <summary>The highest index applied anywhere.</summary>
    public long HighestApplied { get; private set; }

    /// <summary>The four invariants, for <see cref="SimulationOptions{TMessage, TRecord}.Invariants"/>.</summary>
    public IReadOnlyList<IInvariant<RaftMessage, RaftRecord>> Invariants() =>
    [
        Invariant.Create<RaftMessage, RaftRecord>("election-safety", (_, e) => e.Payload is RaftBecameLeader b ? ElectionSafety(b) : null),
        Invariant.Create<RaftMessage, RaftRecord>("log-matching", (view, e) => e.Kind == TraceKind.Persist ? LogMatching(view, e.Node) : null),
        Invariant.Create<RaftMessage, RaftRecord>("leader-completeness", (view, e) => e.Payload is RaftBecameLeader b ? LeaderCompleteness(view, b) : null),
        Invariant.Create<RaftMessage, RaftRecord>("state-machine-safety", (_, e) => e.Payload is RaftEntryApplied a ? StateMachineSafety(a) : null),
        Invariant.Create<RaftMessage, RaftRecord>("leader-is-voter", (view, e) => e.Payload is RaftBecameLeader b ? LeaderIsVoter(view, b) : null),
    ];

    /// <summary>True when the voters of <paramref name="a"/> and <paramref name="b"/> differ by at most one server.</summary>
    public static bool OneVoterApart(RaftConfiguration a, RaftConfiguration b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Voters.Except(b.Voters).Count() + b.Voters.Except(a.Voters).Count() <= 1;
    }

    private static string? LeaderIsVoter(ISimulationView<RaftMessage, RaftRecord> view, RaftBecameLeader b) =>
        view.NodeOf(b.Node) is RaftNode { Core: { } core } && !core.Configuration.IsVoter(b.Node)
            ? Text($"leader {b.Node} of term {b.Term} is not a voter of its configuration ({core.Configuration})")
            : null;

    private string? ElectionSafety(RaftBecameLeader b)
    {
        if (_leaders.TryGetValue(b.Term, out int other) && other != b.Node)
        {
            return Text($"two leaders in term {b.Term}: {other} and {b.Node}");
        }

        _leaders[b.Term] = b.Node;
        return null;
    }

    private string? StateMachineSafety(RaftEntryApplied a)
    {
        if (_applied.TryGetValue(a.Index, out var seen))
        {
            return seen.Term == a.Term && seen.Hash == a.Hash
                ? null
                : Text($"node {a.Node} applied (term {a.Term}, hash {a.Hash:x}) at index {a.Index}, where another applied (term {seen.Term}, hash {seen.Hash:x})");
        }

        _applied[a.Index] = (a.Term, a.Hash);
        HighestApplied = Math.Max(HighestApplied, a.Index);
        return null;
    }

    private string? LogMatching(ISimulationView<RaftMessage, RaftRecord> view, int node)
    {
        if (view.NodeOf(node) is not RaftNode { Core: { } core })
        {
            return null;
        }

        RaftLog log = core.Log;
        long from = log.FirstIndex;
        if (_scanned.TryGetValue(node, out var last) && ReferenceEquals(last.Log, log))
        {
            if (last.Version == log.Version)
            {
                return null;
            }

            // Entries up to the last one checked are unchanged if it is still there with its term (a leader creates
            // one entry per index in its term, and election safety is checked on its own).
            if (last.Index > log.SnapshotIndex && log.Term(last.Index) == last.Term)
            {
                from = last.Index + 1;
            }
        }

        for (long i = from; i <= log.LastIndex; i++)
        {
            RaftEntry e = log.At(i);
            long prevTerm = log.Term(i - 1) ?? 0;
            var value = (RaftHash.OfEntry(e), prevTerm);
            // A joining server knows no configuration before its first configuration entry (it starts empty).
            if (e.Configuration is { } config && log.ConfigurationAt(i - 1) is { Voters.Count: > 0 } before && !OneVoterApart(before, config))
            {
                return Text($"node {node} holds a configuration entry at {i} ({config}) that changes more than one voter of the one before it ({before})");
            }

            if (_entries.TryGetValue((i, e.Term), out var seen))
            {
                if (seen != value)
                {
                    return Text($"node {node} holds an entry (index {i}, term {e.Term}) that differs from another log's (data or previous term: {prevTerm} vs {seen.PrevTerm})");
                }
            }
            else
            {
                _entries[(i, e.Term)] = value;
            }
        }

        _scanned[node] = (log, log.Version, log.LastIndex, log.LastTerm);
        return null;
    }

    private string? LeaderCompleteness(ISimulationView<RaftMessage, RaftRecord> view, RaftBecameLeader b)
    {
        if (view.NodeOf(b.Node) is not RaftNode { Core: { } core })
        {
            return null;
        }

        RaftLog log = core.Log;
        foreach (var (index, (term, hash)) in _applied)
        {
            if (index <= log.SnapshotIndex)
            {
                continue;
            }

            if (index > log.LastIndex || log.Term(index) != term || RaftHash.OfEntry(log.At(index)) != hash)
            {
                return Text($"leader {b.Node} of term {b.Term} lacks committed entry {index} (term {term})");
            }
        }

        return null;
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
