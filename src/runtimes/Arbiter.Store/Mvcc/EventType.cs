namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>mvccpb.Event.EventType</c>.</summary>
public enum EventType
{
    /// <summary>A key was put.</summary>
    Put = 0,

    /// <summary>A key was deleted.</summary>
    Delete = 1,
}
