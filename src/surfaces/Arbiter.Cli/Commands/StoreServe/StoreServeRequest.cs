using System.Net;

namespace Arbiter.Cli.Commands.StoreServe;

/// <summary>A validated <c>arbiter store serve</c> command line.</summary>
/// <param name="Id">This member's id.</param>
/// <param name="Listen">The client (HTTP) address.</param>
/// <param name="Peers">Every member's Raft address (null: one embedded member).</param>
/// <param name="Data">The data directory (null: in memory).</param>
/// <param name="Tick">One Raft tick.</param>
/// <param name="ElectionTicks">Election timeout in ticks.</param>
/// <param name="SnapshotEvery">Snapshot every this many applied entries (0: never).</param>
/// <param name="Duration">Stop after this long (null: until a signal).</param>
internal sealed record StoreServeRequest(
    int Id,
    IPEndPoint Listen,
    IReadOnlyDictionary<int, IPEndPoint>? Peers,
    string? Data,
    TimeSpan Tick,
    int ElectionTicks,
    int SnapshotEvery,
    TimeSpan? Duration)
{
    /// <summary>A new member of a running store: it waits to be added (<c>--join</c>).</summary>
    public bool Join { get; init; }

    /// <summary>The leader writes its log before it sends, instead of in parallel (<c>--serial-leader-write</c>).</summary>
    public bool SerialLeaderWrite { get; init; }
}
