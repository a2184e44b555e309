namespace Arbiter.Store.Coordination;

/// <summary>A coordination operation as a replicated log entry: the store encodes it with
/// <see cref="CoordinationCodec"/>, Raft replicates the bytes, every replica decodes it and calls
/// <see cref="Coordinator.Apply"/> with the revision it assigns. Queries (holder check, token validation, leader,
/// observe, graph) are reads and are not commands.</summary>
/// <param name="Lease">The owner: the client's session lease.</param>
public abstract record CoordinationCommand(long Lease)
{
    /// <summary>The resource the command acts on (a lease's end acts on none: empty).</summary>
    public abstract string Resource { get; }
}
