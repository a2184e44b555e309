namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// Lowe's memo cache: the (linearized set, model state) pairs the search has already reached. Reaching one again,
/// by another order of the same operations, can lead nowhere new, so that branch is cut. Lookups compare the current
/// set plus one member in place; only new entries are copied.
/// </summary>
internal sealed class SearchCache<TState>
{
    private readonly Dictionary<ulong, List<(ulong[] Set, TState State)>> _buckets = [];
    private readonly IEqualityComparer<TState> _states;

    public SearchCache(IEqualityComparer<TState> states) => _states = states;

    public int Count { get; private set; }

    /// <summary>Adds (set ∪ {member}, state) and returns true, or returns false when it was already there.</summary>
    public bool TryAdd(LinearizedSet set, int member, TState state)
    {
        ulong stateHash = state is null ? 0UL : (ulong)(uint)_states.GetHashCode(state);
        ulong key = set.Hash ^ LinearizedSet.Zobrist(member) ^ (stateHash * 0xC2B2AE3D27D4EB4FUL);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new List<(ulong[] Set, TState State)>(1);
            _buckets.Add(key, bucket);
        }
        else
        {
            foreach (var (stored, storedState) in bucket)
            {
                if (_states.Equals(storedState, state) && set.EqualsWith(stored, member))
                {
                    return false;
                }
            }
        }

        bucket.Add((set.CopyWith(member), state));
        Count++;
        return true;
    }
}
