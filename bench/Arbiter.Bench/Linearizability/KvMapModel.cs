using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Bench.Linearizability;

/// <summary>
/// The whole store as one object (no per-key partitioning): the state is every key's value, an immutable array
/// copied on write. Used to measure what partitioning (Herlihy &amp; Wing's locality) buys.
/// </summary>
internal sealed class KvMapModel : ISequentialModel<string?[], (int Key, KvInput Input), KvOutput>
{
    private readonly int _keys;

    public KvMapModel(int keys) => _keys = keys;

    public IEqualityComparer<string?[]> StateComparer { get; } = new ValuesComparer();

    public string?[] Init() => new string?[_keys];

    public bool TryStep(string?[] state, (int Key, KvInput Input) input, KvOutput output, out string?[] after)
    {
        bool ok = KvRegisterModel.Instance.TryStep(state[input.Key], input.Input, output, out string? value);
        if (ReferenceEquals(value, state[input.Key]) || value == state[input.Key])
        {
            after = state;
        }
        else
        {
            after = (string?[])state.Clone();
            after[input.Key] = value;
        }

        return ok;
    }

    public string DescribeState(string?[] state) => string.Join(", ", state.Select(HistoryOperation.Show));

    private sealed class ValuesComparer : IEqualityComparer<string?[]>
    {
        public bool Equals(string?[]? x, string?[]? y) => x!.AsSpan().SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(string?[] obj)
        {
            var hash = new HashCode();
            foreach (string? s in obj)
            {
                hash.Add(s, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
