namespace Arbiter.Ipc.Framing;

/// <summary>What a frame asks of the peer. The lab's whole protocol is these seven words.</summary>
public enum FrameKind
{
    /// <summary>Throughput phase: the peer checks it and reads on.</summary>
    Data = 1,

    /// <summary>Backpressure phase: the peer checks it, then dawdles for the slow-reader delay before reading on.</summary>
    SlowData = 2,

    /// <summary>Latency phase: the peer checks it and sends it straight back as a <see cref="Pong"/>.</summary>
    Ping = 3,

    /// <summary>The echo of a <see cref="Ping"/>: same sequence number, same payload.</summary>
    Pong = 4,

    /// <summary>The peer answers with <see cref="BarrierAck"/> once it has read everything sent before it.</summary>
    Barrier = 5,

    /// <summary>Answer to a <see cref="Barrier"/>: the end of a timed phase.</summary>
    BarrierAck = 6,

    /// <summary>The peer writes its delivery report and exits.</summary>
    End = 7,
}
