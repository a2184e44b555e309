using Arbiter.Isolation.Rootfs;

namespace Arbiter.Isolation.Tests.Rootfs;

public sealed class ElfFileTests
{
    /// <summary>A hand-made little-endian ELF64 header with program headers of the given types at offset 64.</summary>
    private static byte[] Elf64(params uint[] programHeaderTypes)
    {
        var b = new byte[64 + (56 * programHeaderTypes.Length)];
        b[0] = 0x7f; b[1] = (byte)'E'; b[2] = (byte)'L'; b[3] = (byte)'F';
        b[4] = 2; // ELFCLASS64
        b[5] = 1; // ELFDATA2LSB
        b[0x20] = 64; // e_phoff
        b[0x36] = 56; // e_phentsize
        b[0x38] = (byte)programHeaderTypes.Length; // e_phnum
        for (int i = 0; i < programHeaderTypes.Length; i++)
        {
            BitConverter.TryWriteBytes(b.AsSpan(64 + (56 * i)), programHeaderTypes[i]);
        }

        return b;
    }

    [Fact]
    public void IsStaticExecutable_LoadSegmentsOnly_True() => Assert.True(ElfFile.IsStaticExecutable(Elf64(1, 1, 4)));

    [Fact]
    public void IsStaticExecutable_WithPtInterp_False() => Assert.False(ElfFile.IsStaticExecutable(Elf64(6, 3, 1, 1)));

    [Fact]
    public void IsStaticExecutable_TruncatedHeaderTable_False() => Assert.False(ElfFile.IsStaticExecutable(Elf64(1, 1).AsSpan(0, 100)));

    [Fact]
    public void IsStaticExecutable_NotElf_False() => Assert.False(ElfFile.IsStaticExecutable("#!/bin/sh\necho hi\n"u8.ToArray()));

    [Fact]
    public void IsStaticExecutable_HostBinaries_DynamicLsIsNot()
    {
        Assert.False(ElfFile.IsStaticExecutable("/bin/ls")); // Debian's coreutils are dynamically linked
        if (BusyboxFactAttribute.StaticBusybox is { } busybox)
        {
            Assert.True(ElfFile.IsStaticExecutable(busybox));
        }
    }
}
