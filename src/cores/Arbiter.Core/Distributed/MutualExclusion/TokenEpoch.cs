namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>
/// Which token is the valid one: the generation it was created in and the node that regenerated it, ordered by
/// (generation, regenerator) so two nodes regenerating at once never create equal epochs.
/// </summary>
/// <param name="Generation">0 for the first token, one more for each regeneration.</param>
/// <param name="Regenerator">The node that created this token.</param>
public readonly record struct TokenEpoch(long Generation, int Regenerator) : IComparable<TokenEpoch>
{
    /// <inheritdoc/>
    public int CompareTo(TokenEpoch other) =>
        Generation != other.Generation ? Generation.CompareTo(other.Generation) : Regenerator.CompareTo(other.Regenerator);

    /// <summary>Orders epochs.</summary>
    public static bool operator <(TokenEpoch left, TokenEpoch right) => left.CompareTo(right) < 0;

    /// <summary>Orders epochs.</summary>
    public static bool operator >(TokenEpoch left, TokenEpoch right) => left.CompareTo(right) > 0;

    /// <summary>Orders epochs.</summary>
    public static bool operator <=(TokenEpoch left, TokenEpoch right) => left.CompareTo(right) <= 0;

    /// <summary>Orders epochs.</summary>
    public static bool operator >=(TokenEpoch left, TokenEpoch right) => left.CompareTo(right) >= 0;
}
