namespace Arbiter.Store.StateMachine;

/// <summary>Settings every replica must share (they change what the state machine decides).</summary>
public sealed class StoreOptions
{
    /// <summary>
    /// The smallest lease TTL in seconds; shorter grants are raised to it (etcd derives it from the election timeout:
    /// a lease shorter than a leader change would expire during every election).
    /// </summary>
    public long MinLeaseTtl { get; init; } = 1;
}
