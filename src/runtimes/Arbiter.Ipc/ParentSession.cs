using System.Diagnostics;
using System.Runtime.CompilerServices;
using Arbiter.Ipc.Framing;
using Arbiter.Ipc.Links;

namespace Arbiter.Ipc;

/// <summary>
/// The parent's half of the protocol over one link: numbers every frame it sends (0, 1, 2, … across all phases),
/// checks every frame that comes back, and runs the lab's phases.
/// </summary>
internal sealed class ParentSession(IFrameLink link, int payloadBytes)
{
    private readonly PayloadSource _payloads = new(payloadBytes);
    private readonly DeliveryCheck _back = new();
    private long _sequence;

    /// <summary>Frames sent so far.</summary>
    public long FramesSent => _sequence;

    /// <summary>The parent's check of the frames that came back.</summary>
    public DeliveryReport Returned => _back.Report();

    /// <summary>Frames that came back so far.</summary>
    public long FramesReturned { get; private set; }

    /// <summary>Waits until the peer has read everything sent so far.</summary>
    public void Barrier()
    {
        long sequence = _sequence++;
        link.Send(FrameHeader.For(FrameKind.Barrier, sequence, []), []);
        Expect(FrameKind.BarrierAck, sequence);
    }

    /// <summary>Ping-pong: <paramref name="warmUp"/> untimed, then <paramref name="rounds"/> timed round trips.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LatencyResult PingPong(int warmUp, int rounds)
    {
        var samples = new long[rounds];
        for (int i = -warmUp; i < rounds; i++)
        {
            long start = Stopwatch.GetTimestamp();
            RoundTrip();
            if (i >= 0)
            {
                samples[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        return LatencyResult.FromTicks(samples);
    }

    /// <summary>One ping and its echo.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RoundTrip()
    {
        long sequence = Send(FrameKind.Ping);
        Expect(FrameKind.Pong, sequence);
    }

    /// <summary>Streams <paramref name="count"/> frames of <paramref name="kind"/> and a barrier; returns the time from first write to the barrier's answer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TimeSpan Stream(FrameKind kind, int count)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            Send(kind);
        }

        Barrier();
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Tells the peer to report and exit.</summary>
    public void End() => Send(FrameKind.End);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Send(FrameKind kind)
    {
        long sequence = _sequence++;
        var payload = _payloads.For(sequence);
        link.Send(FrameHeader.For(kind, sequence, payload), payload);
        return sequence;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Expect(FrameKind kind, long sequence)
    {
        var payload = link.Receive(out var header);
        FramesReturned++;
        if (!_back.Check(header, payload, sequence) || header.Kind != kind)
        {
            throw new InvalidDataException($"expected {kind} #{sequence} from the peer, got {header.Kind} #{header.Sequence}: {_back.Report().FirstProblem ?? "wrong kind"}");
        }
    }
}
