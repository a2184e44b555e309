using System.Runtime.CompilerServices;
using Arbiter.Ipc.Framing;

namespace Arbiter.Ipc;

/// <summary>Checks every frame a receiver gets and counts the results (see <see cref="DeliveryReport"/>).</summary>
internal sealed class DeliveryCheck
{
    private long _received;
    private long _intact;
    private long _inOrder;
    private string? _firstProblem;

    /// <summary>Checks a frame that should carry <paramref name="expectedSequence"/>; returns whether it was intact and in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Check(in FrameHeader header, ReadOnlySpan<byte> payload, long expectedSequence)
    {
        _received++;
        bool intact = FrameChecksum.Compute(header.Sequence, payload) == header.Checksum;
        bool inOrder = header.Sequence == expectedSequence;
        _intact += intact ? 1 : 0;
        _inOrder += inOrder ? 1 : 0;
        if (!(intact && inOrder))
        {
            _firstProblem ??= !intact
                ? $"frame #{header.Sequence} ({header.Kind}, {header.PayloadLength} bytes) failed its checksum"
                : $"frame #{header.Sequence} ({header.Kind}) arrived where #{expectedSequence} was expected";
        }

        return intact && inOrder;
    }

    public DeliveryReport Report() => new(_received, _intact, _inOrder, _firstProblem);
}
