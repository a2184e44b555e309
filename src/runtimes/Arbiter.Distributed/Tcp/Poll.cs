using System.Runtime.InteropServices;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// poll(2) and eventfd(2), the two system calls the event loop waits with when it owns its peers' sockets
/// (<see cref="LoopInbox{T}"/>). Linux only; <see cref="Supported"/> says whether they work here.
/// </summary>
/// <remarks>
/// Why not <c>Socket.Select</c>: it takes only sockets (no eventfd to wake the loop for a client's request or a
/// timer) and allocates on every call; the loop waits once per batch.
/// </remarks>
internal static class Poll
{
    public const short In = 0x001;
    public const short Err = 0x008;
    public const short Hup = 0x010;
    public const short Nval = 0x020;
    private const int EINTR = 4;
    private const int EfdNonBlock = 0x800;
    private const int EfdCloExec = 0x80000;

    /// <summary>True on 64-bit Linux, where the loop can wait on its sockets itself.</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess && Probe();

    /// <summary>Waits until one of <paramref name="fds"/> is ready or <paramref name="timeoutMs"/> passes (-1: forever); 0 if interrupted.</summary>
    public static int Wait(PollFd[] fds, int count, int timeoutMs)
    {
        int ready = SysPoll(fds, (nuint)count, timeoutMs);
        if (ready >= 0)
        {
            return ready;
        }

        int error = Marshal.GetLastPInvokeError();
        return error == EINTR ? 0 : throw new IOException($"poll failed: errno {error}");
    }

    /// <summary>A new non-blocking eventfd (a counter the kernel wakes pollers on).</summary>
    public static int CreateEventFd()
    {
        int fd = SysEventFd(0, EfdNonBlock | EfdCloExec);
        return fd >= 0 ? fd : throw new IOException($"eventfd failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Adds one to the eventfd's counter, which makes it readable.</summary>
    public static void Signal(int eventFd)
    {
        ulong one = 1;
        // EAGAIN only when the counter is about to overflow, i.e. it is readable already: the wake-up is pending.
        while (SysWrite(eventFd, ref one, 8) < 0 && Marshal.GetLastPInvokeError() == EINTR)
        {
        }
    }

    /// <summary>Resets the eventfd's counter to zero (it was readable or not; both are fine).</summary>
    public static void Drain(int eventFd)
    {
        ulong value = 0;
        // EAGAIN: it was not readable (another drain got there first); nothing to do.
        while (SysRead(eventFd, ref value, 8) < 0 && Marshal.GetLastPInvokeError() == EINTR)
        {
        }
    }

    /// <summary>Closes a descriptor this class created.</summary>
    public static void Close(int fd) => _ = SysClose(fd); // nothing to do about a failed close of an eventfd

    private static bool Probe()
    {
        try
        {
            int fd = CreateEventFd();
            Close(fd);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException)
        {
            return false;
        }
    }

    // DllImport, not LibraryImport: the generated stubs need AllowUnsafeBlocks. PollFd[] is blittable, so the array
    // is pinned for the call and the kernel's revents land in it.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int SysPoll([In, Out] PollFd[] fds, nuint count, int timeout);

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static extern int SysEventFd(uint initial, int flags);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint SysWrite(int fd, ref ulong value, nint count);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint SysRead(int fd, ref ulong value, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int SysClose(int fd);
#pragma warning restore SYSLIB1054

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        /// <summary>The descriptor.</summary>
        public int Fd;

        /// <summary>Events asked for.</summary>
        public short Events;

        /// <summary>Events that happened (set by the kernel).</summary>
        public short Revents;
    }
}
