using Arbiter.Ipc.Framing;

namespace Arbiter.Ipc.Links;

/// <summary>
/// One process's end of a two-way connection carrying frames (header + payload): a pair of pipes, a Unix socket or
/// a pair of shared-memory rings. Sends block while the outgoing buffer is full — that wait is the backpressure the
/// lab measures — and receives block while nothing has arrived; both give up when the link's cancellation token
/// fires (peer gone, timeout).
/// </summary>
internal interface IFrameLink : IDisposable
{
    /// <summary>Size of the outgoing buffer: pipe size, socket send buffer or ring capacity, in <see cref="Occupancy"/>'s unit.</summary>
    long CapacityBytes { get; }

    /// <summary>Where <see cref="CapacityBytes"/> comes from (e.g. <c>fcntl(F_GETPIPE_SZ)</c>).</summary>
    string CapacitySource { get; }

    /// <summary>Accounting for sends; replace it to start a new phase.</summary>
    WriteMeter Meter { get; set; }

    /// <summary>How full the outgoing buffer is now, as the kernel (or the ring) counts it.</summary>
    long Occupancy();

    /// <summary>Sends one frame, waiting for room if the buffer is full.</summary>
    void Send(in FrameHeader header, ReadOnlySpan<byte> payload);

    /// <summary>Receives the next frame; the payload span stays valid until the next call.</summary>
    ReadOnlySpan<byte> Receive(out FrameHeader header);
}
