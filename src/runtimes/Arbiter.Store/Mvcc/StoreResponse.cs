namespace Arbiter.Store.Mvcc;

/// <summary>
/// The base of every response the state machine gives (etcd's responses all begin with a header). The coordination
/// service's responses derive from it too.
/// </summary>
public abstract class StoreResponse
{
    /// <summary>The header (revision after the request).</summary>
    public required ResponseHeader Header { get; init; }
}
