namespace Arbiter.Distributed.Tracing;

/// <summary>
/// The points on a request's way through client, gateway and event loop that <see cref="StageTrace"/> stamps.
/// The numbers are the dump's format (bench/store/put-timeline.py reads them); keep them stable.
/// </summary>
public enum TraceStage
{
    /// <summary>The bench client is about to send a request.</summary>
    ClientSend = 1,

    /// <summary>The bench client has the answer.</summary>
    ClientReceive = 2,

    /// <summary>The gateway's handler starts (Kestrel has parsed the request).</summary>
    GatewayEnter = 10,

    /// <summary>The gateway's handler has the backend's result (back from the event loop).</summary>
    GatewayResume = 12,

    /// <summary>The gateway has written the answer.</summary>
    GatewayWritten = 13,

    /// <summary>The event loop woke from <c>poll</c> (a peer's frame, or a wake-up for a queued input).</summary>
    LoopWake = 19,

    /// <summary>The event loop starts a batch.</summary>
    BatchStart = 20,

    /// <summary>The batch's calls are done; its persist, sends and timers come next.</summary>
    CallsDone = 21,

    /// <summary>The batch's records are handed to the file (write plus fsync).</summary>
    FsyncStart = 22,

    /// <summary>The batch's records are durable.</summary>
    FsyncEnd = 23,

    /// <summary>The batch is applied (its messages sent or queued).</summary>
    BatchDone = 24,

    /// <summary>The loop hands a result to the client side (a reply for a waiting request).</summary>
    ClientOutput = 25,

    /// <summary>The loop sent a message before its batch's fsync (a leader's entries to a follower).</summary>
    EarlySend = 26,
}
