using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// Proof of an asynchronous acquisition: an async caller has no thread that owns the lock (it may resume on any
/// thread), so the hold is identified by this token instead. Dispose it once to release, usually with
/// <c>using (await mutex.LockAsync()) { … }</c>.
/// </summary>
/// <remarks>
/// Disposing the releaser of a mutex or writer lock a second time throws <see cref="SynchronizationLockException"/>
/// (that token no longer holds it). A reader's releaser is not checked that way: read holds are counted, not owned.
/// The default value releases nothing.
/// </remarks>
public readonly struct Releaser : IDisposable, IEquatable<Releaser>
{
    internal Releaser(IReleasable owner, long token, AsyncHold? hold = null)
    {
        Owner = owner;
        Token = token;
        Hold = hold;
    }

    internal IReleasable? Owner { get; }

    internal long Token { get; }

    /// <summary>The tracker's record of this hold (null when the primitive is not tracked).</summary>
    internal AsyncHold? Hold { get; }

    /// <summary>Releases the hold.</summary>
    public void Dispose()
    {
        // The tracker first: the hold must not look live once another flow can take the lock. A second Dispose finds
        // the hold already released and lets the primitive report the misuse.
        if (Hold is { } hold)
        {
            hold.Lock.OnReleasedAsync(hold);
        }

        Owner?.Release(Token);
    }

    /// <inheritdoc />
    public bool Equals(Releaser other) => ReferenceEquals(Owner, other.Owner) && Token == other.Token;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Releaser other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Owner, Token);

    /// <summary>Same hold.</summary>
    public static bool operator ==(Releaser left, Releaser right) => left.Equals(right);

    /// <summary>Different holds.</summary>
    public static bool operator !=(Releaser left, Releaser right) => !left.Equals(right);
}
