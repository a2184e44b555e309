// Source: the System V ABI, "ELF header" and "Program header" (e_phoff, e_phentsize, e_phnum; PT_INTERP = 3).
//
// Summary: a dynamically linked executable names its loader in a PT_INTERP program header; a static one has none.
// Reading the header table is enough to tell whether a binary will run inside a rootfs that has no libc.
// Cost: one read of at most 64 KiB.
using System.Buffers.Binary;

namespace Arbiter.Isolation.Rootfs;

/// <summary>Just enough ELF to tell a static executable from a dynamic one.</summary>
internal static class ElfFile
{
    private const uint PtInterp = 3;

    /// <summary>True for an ELF executable without PT_INTERP; false for a dynamic one or anything that is not ELF.</summary>
    public static bool IsStaticExecutable(ReadOnlySpan<byte> image)
    {
        if (image.Length < 52 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            return false;
        }

        bool is64 = image[4] == 2;
        bool little = image[5] == 1;
        ulong phoff = is64 ? U64(image, 0x20, little) : U32(image, 0x1C, little);
        int phentsize = U16(image, is64 ? 0x36 : 0x2A, little);
        int phnum = U16(image, is64 ? 0x38 : 0x2C, little);
        if (phnum == 0 || phentsize < 8)
        {
            return false;
        }

        for (int i = 0; i < phnum; i++)
        {
            ulong at = phoff + (ulong)(i * phentsize);
            if (at + 4 > (ulong)image.Length)
            {
                return false; // truncated: cannot prove it static
            }

            if (U32(image, (int)at, little) == PtInterp)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the start of a file (the program headers follow the ELF header closely) and checks it.</summary>
    public static bool IsStaticExecutable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[Math.Min(stream.Length, 64 * 1024)];
            stream.ReadExactly(buffer);
            return IsStaticExecutable(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);

    private static ulong U64(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt64BigEndian(b[at..]);
}
