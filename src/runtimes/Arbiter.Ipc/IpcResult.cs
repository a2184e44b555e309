namespace Arbiter.Ipc;

/// <summary>One run of the IPC lab on one transport between two real processes.</summary>
/// <param name="Transport">How the processes talked.</param>
/// <param name="PayloadBytes">Payload bytes per message.</param>
/// <param name="FrameBytes">Bytes per message on the wire (payload and header).</param>
/// <param name="CapacityBytes">The writer's buffer: pipe size, socket send buffer or ring capacity.</param>
/// <param name="CapacitySource">Where <paramref name="CapacityBytes"/> was read from.</param>
/// <param name="Latency">Ping-pong round trips.</param>
/// <param name="Throughput">Streaming to a fast reader.</param>
/// <param name="Backpressure">Streaming to a slow reader; null when the slow-reader delay was zero.</param>
/// <param name="FramesSent">Frames the parent sent (all phases, control frames included).</param>
/// <param name="PeerDelivery">The peer's check of those frames.</param>
/// <param name="FramesReturned">Frames the peer sent back (echoes and acknowledgements).</param>
/// <param name="ParentDelivery">The parent's check of those.</param>
/// <param name="PeerProcessId">Process id of the peer: a different process, not a thread.</param>
public sealed record IpcResult(
    IpcTransport Transport,
    int PayloadBytes,
    int FrameBytes,
    long CapacityBytes,
    string CapacitySource,
    LatencyResult Latency,
    ThroughputResult Throughput,
    BackpressureResult? Backpressure,
    long FramesSent,
    DeliveryReport PeerDelivery,
    long FramesReturned,
    DeliveryReport ParentDelivery,
    int PeerProcessId)
{
    /// <summary>Every frame in both directions arrived, intact and in order.</summary>
    public bool AllDelivered => PeerDelivery.AllDelivered(FramesSent) && ParentDelivery.AllDelivered(FramesReturned);
}
