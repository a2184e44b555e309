namespace Arbiter.Store.Mvcc;

/// <summary>
/// A point in the store's history, as etcd's <c>revision{main, sub}</c>: <see cref="Main"/> is bumped once per write
/// request or transaction; <see cref="Sub"/> numbers the changes inside it (0, 1, ...).
/// </summary>
/// <param name="Main">The store revision of the request.</param>
/// <param name="Sub">The change's position inside the request.</param>
public readonly record struct Revision(long Main, long Sub) : IComparable<Revision>
{
    /// <inheritdoc />
    public int CompareTo(Revision other) => Main != other.Main ? Main.CompareTo(other.Main) : Sub.CompareTo(other.Sub);

    /// <summary>Orders revisions.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is earlier.</returns>
    public static bool operator <(Revision left, Revision right) => left.CompareTo(right) < 0;

    /// <summary>Orders revisions.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is later.</returns>
    public static bool operator >(Revision left, Revision right) => left.CompareTo(right) > 0;

    /// <summary>Orders revisions.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not later.</returns>
    public static bool operator <=(Revision left, Revision right) => left.CompareTo(right) <= 0;

    /// <summary>Orders revisions.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not earlier.</returns>
    public static bool operator >=(Revision left, Revision right) => left.CompareTo(right) >= 0;
}
