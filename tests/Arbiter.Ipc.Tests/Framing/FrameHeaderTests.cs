using Arbiter.Ipc.Framing;

namespace Arbiter.Ipc.Tests.Framing;

public class FrameHeaderTests
{
    [Fact]
    public void WriteToRead_AnyHeader_RoundTrips()
    {
        var header = new FrameHeader(FrameKind.Ping, 1L << 40, 1234, 0xDEADBEEF);
        var bytes = new byte[FrameHeader.Size];
        header.WriteTo(bytes);
        Assert.Equal(header, FrameHeader.Read(bytes));
    }

    [Fact]
    public void Read_WrongMagic_IsAFramingError()
    {
        var bytes = new byte[FrameHeader.Size];
        FrameHeader.For(FrameKind.Data, 0, []).WriteTo(bytes);
        bytes[0] ^= 1;
        var error = Assert.Throws<InvalidDataException>(() => FrameHeader.Read(bytes));
        Assert.StartsWith("framing lost: expected magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ImpossibleLength_IsAFramingError()
    {
        var bytes = new byte[FrameHeader.Size];
        new FrameHeader(FrameKind.Data, 0, FrameHeader.MaxPayload, 0).WriteTo(bytes);
        bytes[7] = 0x7F; // length now far above the maximum
        Assert.Throws<InvalidDataException>(() => FrameHeader.Read(bytes));
    }

    [Fact]
    public void Checksum_FlippedPayloadBit_Differs()
    {
        var payload = new PayloadSource(1000).For(7).ToArray();
        uint before = FrameChecksum.Compute(7, payload);
        payload[999] ^= 0x10;
        Assert.NotEqual(before, FrameChecksum.Compute(7, payload));
    }

    [Fact]
    public void Checksum_SamePayloadOtherSequence_Differs()
    {
        byte[] payload = [1, 2, 3];
        Assert.NotEqual(FrameChecksum.Compute(1, payload), FrameChecksum.Compute(2, payload));
    }

    [Fact]
    public void PayloadSource_ConsecutiveFrames_CarryDifferentPayloads()
    {
        var source = new PayloadSource(64);
        var first = source.For(0).ToArray();
        var second = source.For(1).ToArray();
        Assert.NotEqual(first, second);
        Assert.Equal(first[8..], second[8..]);
    }
}
