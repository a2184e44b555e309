namespace Arbiter.Sync.Primitives;

/// <summary>A primitive an async holder releases through its <see cref="Releaser"/> token.</summary>
internal interface IReleasable
{
    /// <summary>Releases the hold identified by <paramref name="token"/>; throws when that token holds nothing.</summary>
    void Release(long token);
}
