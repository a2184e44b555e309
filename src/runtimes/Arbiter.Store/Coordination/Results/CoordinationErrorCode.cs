namespace Arbiter.Store.Coordination;

/// <summary>Why an operation was refused.</summary>
public enum CoordinationErrorCode
{
    /// <summary>The owner's lease has ended: it holds nothing and may do nothing (etcd issue 11456).</summary>
    LeaseExpired,

    /// <summary>The owner does not hold (nor wait for) the resource.</summary>
    NotHolder,

    /// <summary>The wait closed a deadlock and was chosen as the victim; <see cref="CoordinationError.Deadlock"/> says which.</summary>
    Deadlock,

    /// <summary>The name is in use as another kind of resource.</summary>
    WrongKind,

    /// <summary>A malformed argument: empty name, units out of range, parties or permits that disagree with the resource.</summary>
    InvalidArgument,

    /// <summary>The owner already holds the resource (locks are not re-entrant; release first).</summary>
    AlreadyHeld,

    /// <summary>The owner already waits for something: one outstanding wait per owner (a session is one client).</summary>
    AlreadyWaiting,
}
