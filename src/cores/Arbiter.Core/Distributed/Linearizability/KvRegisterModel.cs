namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// The sequential specification of one key of a key-value store: a register whose state is the value, or null when
/// the key is absent. get reads it; put sets it; del makes it absent; cas sets it only when it equals the expected
/// value (null expected: only when absent) and answers whether it did.
/// </summary>
public sealed class KvRegisterModel : ISequentialModel<string?, KvInput, KvOutput>
{
    /// <summary>The one instance (the model has no configuration).</summary>
    public static KvRegisterModel Instance { get; } = new();

    /// <inheritdoc />
    public IEqualityComparer<string?> StateComparer => StringComparer.Ordinal;

    /// <summary>Every key starts absent.</summary>
    public string? Init() => null;

    /// <inheritdoc />
    public bool TryStep(string? state, KvInput input, KvOutput output, out string? after)
    {
        switch (input.Kind)
        {
            case KvOperationKind.Get:
                after = state;
                return !output.Known || string.Equals(output.Value, state, StringComparison.Ordinal);
            case KvOperationKind.Put:
                after = input.Value;
                return true;
            case KvOperationKind.Del:
                after = null;
                return true;
            default:
                // A cas that did take effect is deterministic; "unknown" only hides which branch it took.
                bool matches = string.Equals(state, input.Expected, StringComparison.Ordinal);
                after = matches ? input.Value : state;
                return !output.Known || output.Succeeded == matches;
        }
    }

    /// <inheritdoc />
    public string DescribeState(string? state) => HistoryOperation.Show(state);

    /// <summary>
    /// Why the operation cannot be placed at <paramref name="state"/> ("get returned "1" but the value is absent"),
    /// or null when it can.
    /// </summary>
    public string? Explain(string? state, KvInput input, KvOutput output)
    {
        if (TryStep(state, input, output, out _))
        {
            return null;
        }

        return input.Kind == KvOperationKind.Get
            ? $"get returned {HistoryOperation.Show(output.Value)} but the value is {HistoryOperation.Show(state)}"
            : output.Succeeded
                ? $"cas succeeded but the value is {HistoryOperation.Show(state)}, not the expected {HistoryOperation.Show(input.Expected)}"
                : $"cas failed but the value is the expected {HistoryOperation.Show(input.Expected)}";
    }
}
