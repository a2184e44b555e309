namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// What a key-value operation answered. <paramref name="Known"/> is false for an unknown outcome (any answer fits);
/// <paramref name="Value"/> is a get's result (null: absent); <paramref name="Succeeded"/> a cas's compare result.
/// </summary>
public readonly record struct KvOutput(bool Known, string? Value, bool Succeeded)
{
    /// <summary>The answer of an operation whose outcome is unknown.</summary>
    public static KvOutput Unknown => new(false, null, false);
}
