using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.StateMachine;

/// <summary>What applying one log entry did: the response (or error) for the client, the events for the watches,
/// and the leases that ended (for the coordination service and the leader's <see cref="Lessor"/>).</summary>
public sealed class StoreResult
{
    /// <summary>The log index applied.</summary>
    public ulong Index { get; init; }

    /// <summary>True if the entry was at or below the applied index and so ignored (a replay after restart).</summary>
    public bool Skipped { get; init; }

    /// <summary>The decoded command (null when skipped).</summary>
    public StoreCommand? Command { get; init; }

    /// <summary>The response when <see cref="Error"/> is none (its header has the revision after the command).</summary>
    public StoreResponse? Response { get; init; }

    /// <summary>The error, if the command was refused (then nothing changed).</summary>
    public StoreError Error { get; init; }

    /// <summary>Every change the command made, in revision order (what the watches receive).</summary>
    public IReadOnlyList<StoreEvent> Events { get; init; } = [];

    /// <summary>Leases that ended, with the revision at which each ended.</summary>
    public IReadOnlyList<EndedLease> EndedLeases { get; init; } = [];

    /// <summary>The store revision after the command.</summary>
    public long Revision { get; init; }
}
