using System.Net;

namespace Arbiter.Distributed.Tcp;

/// <summary>How a node runs as a process over TCP.</summary>
public sealed record TcpNodeOptions
{
    /// <summary>This node's id (a key of <see cref="Peers"/>).</summary>
    public required int Id { get; init; }

    /// <summary>Every member, this node included, with the address it listens on.</summary>
    public required IReadOnlyDictionary<int, IPEndPoint> Peers { get; init; }

    /// <summary>Directory of the node's record file (<c>node-ID.records</c>); null keeps records in memory only.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Clock and timers (tests may pass a fake).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Seed of the node's Random; null draws one.</summary>
    public int? Seed { get; init; }

    /// <summary>First reconnect delay; doubled after each failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Frames queued per peer while it is unreachable; beyond that the oldest are dropped (the network may lose).</summary>
    public int MaxQueuedPerPeer { get; init; } = 100_000;

    /// <summary>
    /// Group commit: at most this many queued inputs are run as one batch whose records are made durable with one
    /// fsync before any of its messages leave. 1 turns batching off (one fsync per call, the unbatched host); at
    /// least 1. The default, 256, was chosen by measurement (docs/PERFORMANCE.md, "TCP host: group commit and pipelining").
    /// </summary>
    public int MaxBatch { get; init; } = 256;
}
