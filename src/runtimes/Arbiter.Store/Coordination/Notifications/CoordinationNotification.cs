namespace Arbiter.Store.Coordination;

/// <summary>Something an operation did to owners other than (or besides) the caller: the store forwards it to the
/// client whose wait it ends, and to watchers.</summary>
public abstract record CoordinationNotification;
