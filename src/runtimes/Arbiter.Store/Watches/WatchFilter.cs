namespace Arbiter.Store.Watches;

/// <summary>etcd's <c>WatchCreateRequest.FilterType</c>: events a watcher does not want.</summary>
public enum WatchFilter
{
    /// <summary>Drop PUT events.</summary>
    NoPut = 0,

    /// <summary>Drop DELETE events.</summary>
    NoDelete = 1,
}
