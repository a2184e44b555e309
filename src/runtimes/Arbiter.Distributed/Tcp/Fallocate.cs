using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// Reserves disk blocks for a file ahead of its writes: Linux fallocate(2), mode 0, which allocates the range (as
/// unwritten extents that read back as zeros) and extends the file size over it. Source: fallocate(2); etcd does the
/// same for its WAL segments (etcd 3.4 pkg/fileutil/preallocate_unix.go, Preallocate with extendFile).
/// </summary>
/// <remarks>
/// Why not <c>SetLength</c>: it makes a sparse hole, so each later write into it still allocates blocks and changes
/// the inode's extents, and fsync must commit that to the journal — the cost the reservation is meant to remove.
/// </remarks>
internal static class Fallocate
{
    private const int EINTR = 4;

    /// <summary>
    /// Allocates <paramref name="length"/> bytes of <paramref name="file"/> from <paramref name="offset"/> on, growing
    /// the file to at least their end. Never throws for an unsupported platform or file system.
    /// </summary>
    /// <returns>True if the range is allocated; false if not (not Linux, a 32-bit process, or the call failed: e.g.
    /// EOPNOTSUPP on a file system without it, ENOSPC, EBADF). After false the file may still have grown, in part.</returns>
    public static bool TryReserve(SafeFileHandle file, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(file);
        // off_t is 64 bits only in a 64-bit process (a 32-bit one would need fallocate64, not everywhere exported).
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess || length <= 0)
        {
            return false;
        }

        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            int fd = (int)file.DangerousGetHandle();
            int result;
            do
            {
                result = SysFallocate(fd, 0, offset, length);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == EINTR);
            return result == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    // DllImport, not LibraryImport: the generated stub needs AllowUnsafeBlocks, and ints and longs marshal as they are.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static extern int SysFallocate(int fd, int mode, long offset, long length);
#pragma warning restore SYSLIB1054
}
