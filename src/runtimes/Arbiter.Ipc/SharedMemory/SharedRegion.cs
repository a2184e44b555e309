using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Arbiter.Ipc.SharedMemory;

/// <summary>
/// A block of memory two processes can both see: a file (under /dev/shm, a RAM-backed tmpfs, when there is one)
/// mapped MAP_SHARED by each of them through <see cref="MemoryMappedFile"/>; or, for tests on threads, a block of
/// native memory in this process. Either way the ring sees a raw pointer.
/// </summary>
public sealed unsafe class SharedRegion : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private bool _disposed;

    private SharedRegion(MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* pointer, long length)
    {
        _file = file;
        _view = view;
        Address = pointer;
        Length = length;
    }

    /// <summary>Start of the region (64-byte aligned).</summary>
    public byte* Address { get; }

    /// <summary>Bytes in the region.</summary>
    public long Length { get; }

    /// <summary>The directory for shared-memory files: /dev/shm when it exists (no disk behind it), else the temp directory.</summary>
    public static string DefaultDirectory => Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    /// <summary>Creates a new zero-filled file of <paramref name="length"/> bytes at <paramref name="path"/> and maps it.</summary>
    public static SharedRegion CreateFile(string path, long length)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, mapName: null, length, MemoryMappedFileAccess.ReadWrite);
        return Map(file, length);
    }

    /// <summary>Maps an existing file created by <see cref="CreateFile"/> (in another process).</summary>
    public static SharedRegion OpenFile(string path)
    {
        long length = new FileInfo(path).Length;
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.ReadWrite);
        return Map(file, length);
    }

    /// <summary>Zeroed native memory of this process only (for threads in tests and benchmarks).</summary>
    public static SharedRegion Allocate(long length)
    {
        byte* pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, 64);
        NativeMemory.Clear(pointer, (nuint)length);
        return new SharedRegion(null, null, pointer, length);
    }

    private static SharedRegion Map(MemoryMappedFile file, long length)
    {
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new SharedRegion(file, view, pointer + view.PointerOffset, length);
        }
        catch
        {
            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Unmaps (or frees) the region; a file stays on disk for its creator to delete.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_view is null)
        {
            NativeMemory.AlignedFree(Address);
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file!.Dispose();
    }
}
