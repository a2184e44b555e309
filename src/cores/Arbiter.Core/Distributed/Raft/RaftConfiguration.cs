using System.Globalization;

namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// A Raft group's membership (Ongaro's dissertation, 2014, §4.1; learners as in etcd raft): the voters, whose
/// majority decides elections and commitment, and the learners, which only receive the log. Immutable; ids kept
/// sorted. A configuration entry in the log carries a whole configuration (§4.1: "C_new"), not a delta, so a
/// server that joins late learns it from one entry or from a snapshot.
/// </summary>
/// <remarks>Cost: membership tests O(log n) by binary search; <see cref="Apply"/> O(n).</remarks>
public sealed class RaftConfiguration : IEquatable<RaftConfiguration>
{
    private readonly int[] _voters;
    private readonly int[] _learners;
    private readonly SortedDictionary<int, string> _contexts;

    /// <summary>Creates a configuration (ids positive; no id both voter and learner).</summary>
    public RaftConfiguration(IEnumerable<int> voters, IEnumerable<int> learners)
        : this(voters, learners, null)
    {
    }

    /// <summary>Creates a configuration whose members carry <paramref name="contexts"/> (see <see cref="RaftConfChange.Context"/>); a context is kept only for a member.</summary>
    public RaftConfiguration(IEnumerable<int> voters, IEnumerable<int> learners, IEnumerable<KeyValuePair<int, string>>? contexts)
    {
        ArgumentNullException.ThrowIfNull(voters);
        ArgumentNullException.ThrowIfNull(learners);
        _voters = [.. voters.Distinct().Order()];
        _learners = [.. learners.Distinct().Order()];
        if (_voters.Concat(_learners).Any(id => id <= 0) || _voters.Intersect(_learners).Any())
        {
            throw new ArgumentException("member ids must be positive, and no server both voter and learner");
        }

        _contexts = [];
        foreach (var (id, context) in contexts ?? [])
        {
            if (context is not null && IsMember(id))
            {
                _contexts[id] = context;
            }
        }
    }

    /// <summary>No members: a server that joins an existing group starts with it (<see cref="RaftOptions.Join"/>).</summary>
    public static RaftConfiguration Empty { get; } = new([], []);

    /// <summary>The voters, ascending.</summary>
    public IReadOnlyList<int> Voters => _voters;

    /// <summary>The learners (non-voting members), ascending.</summary>
    public IReadOnlyList<int> Learners => _learners;

    /// <summary>What the group remembers about each member that has something (<see cref="RaftConfChange.Context"/>), by id ascending.</summary>
    public IReadOnlyDictionary<int, string> Contexts => _contexts;

    /// <summary>Voters then learners: everyone the leader replicates to.</summary>
    public IEnumerable<int> Members => _voters.Concat(_learners);

    /// <summary>The votes that make a majority of <see cref="Voters"/>.</summary>
    public int Quorum => (_voters.Length / 2) + 1;

    /// <summary>True when <paramref name="id"/> votes.</summary>
    public bool IsVoter(int id) => Array.BinarySearch(_voters, id) >= 0;

    /// <summary>True when <paramref name="id"/> is a learner.</summary>
    public bool IsLearner(int id) => Array.BinarySearch(_learners, id) >= 0;

    /// <summary>True when <paramref name="id"/> is a voter or a learner.</summary>
    public bool IsMember(int id) => IsVoter(id) || IsLearner(id);

    /// <summary>Why <paramref name="change"/> cannot apply to this configuration, or null when it can.</summary>
    public string? Check(RaftConfChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        int n = change.Node;
        return change.Type switch
        {
            _ when n <= 0 => Text($"server id {n} is not positive"),
            RaftConfChangeType.AddVoter or RaftConfChangeType.AddLearner when IsMember(n) => Text($"server {n} is already a member"),
            RaftConfChangeType.PromoteLearner when !IsLearner(n) => Text($"server {n} is not a learner"),
            RaftConfChangeType.RemoveServer when !IsMember(n) => Text($"server {n} is not a member"),
            RaftConfChangeType.RemoveServer when IsVoter(n) && _voters.Length == 1 => Text($"server {n} is the last voter"),
            RaftConfChangeType.AddVoter or RaftConfChangeType.AddLearner or RaftConfChangeType.PromoteLearner or RaftConfChangeType.RemoveServer => null,
            _ => Text($"unknown change {change.Type}"),
        };
    }

    /// <summary>The configuration after <paramref name="change"/> (which must pass <see cref="Check"/>).</summary>
    public RaftConfiguration Apply(RaftConfChange change)
    {
        if (Check(change) is { } why)
        {
            throw new ArgumentException(why, nameof(change));
        }

        int n = change.Node;
        var contexts = new Dictionary<int, string>(_contexts);
        if (change.Type == RaftConfChangeType.RemoveServer)
        {
            contexts.Remove(n);
        }
        else if (change.Context is { } context)
        {
            contexts[n] = context;
        }

        return change.Type switch
        {
            RaftConfChangeType.AddVoter => new([.. _voters, n], _learners, contexts),
            RaftConfChangeType.AddLearner => new(_voters, [.. _learners, n], contexts),
            RaftConfChangeType.PromoteLearner => new([.. _voters, n], _learners.Where(l => l != n), contexts),
            _ => new(_voters.Where(v => v != n), _learners.Where(l => l != n), contexts),
        };
    }

    /// <inheritdoc/>
    public bool Equals(RaftConfiguration? other) =>
        other is not null && _voters.AsSpan().SequenceEqual(other._voters) && _learners.AsSpan().SequenceEqual(other._learners)
        && _contexts.Count == other._contexts.Count
        && _contexts.All(c => other._contexts.TryGetValue(c.Key, out string? o) && string.Equals(o, c.Value, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RaftConfiguration);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int v in _voters)
        {
            hash.Add(v);
        }

        hash.Add(0);
        foreach (int l in _learners)
        {
            hash.Add(l);
        }

        foreach (var (id, context) in _contexts)
        {
            hash.Add(id);
            hash.Add(context, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>For example "voters {1,2,3} learners {4}".</summary>
    public override string ToString() =>
        $"voters {{{string.Join(',', _voters)}}}" + (_learners.Length > 0 ? $" learners {{{string.Join(',', _learners)}}}" : "");

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
