using System.Runtime.InteropServices;

namespace Arbiter.Ipc.Native;

/// <summary>
/// The few libc calls .NET does not expose: non-blocking <c>read</c>/<c>write</c> with <c>poll</c> (so that a
/// writer's time blocked on a full buffer is measured exactly: from the kernel's EAGAIN to its POLLOUT),
/// <c>pipe2</c>, <c>fcntl</c> (F_GETPIPE_SZ, O_NONBLOCK, FD_CLOEXEC), <c>ioctl</c> (FIONREAD, SIOCOUTQ) and
/// <c>futex</c> (the shared-memory ring's doorbell).
/// Constants are Linux's, identical on x86-64 and arm64.
/// </summary>
internal static unsafe partial class Libc
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EPIPE = 32;

    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    public const int F_GETFD = 1;
    public const int F_SETFD = 2;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int FD_CLOEXEC = 1;
    public const int F_GETPIPE_SZ = 1032;

    /// <summary>Bytes waiting to be read; on a pipe it works on either end (fs/pipe.c, pipe_ioctl).</summary>
    public const nuint FIONREAD = 0x541B;

    /// <summary>On an AF_UNIX socket: bytes of the send buffer still charged to the sender (sk_wmem_alloc).</summary>
    public const nuint SIOCOUTQ = 0x5411;

    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, int* argument);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, int* address, int operation, int value, Timespec* timeout, nint address2, int value3);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    // futex(2): FUTEX_WAIT and FUTEX_WAKE *without* FUTEX_PRIVATE_FLAG, because the word lives in memory shared by
    // two processes. glibc's syscall() is a register shuffle written in assembly, so calling it with fixed
    // arguments is safe although it is declared variadic.
    private const int FutexWaitOp = 0;
    private const int FutexWakeOp = 1;

    private static readonly nint FutexSyscall = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        _ => -1,
    };

    /// <summary>Whether this machine has the futex system call wired up here (x86-64 and arm64 Linux).</summary>
    public static bool HasFutex => FutexSyscall > 0 && OperatingSystem.IsLinux();

    /// <summary>
    /// Sleeps while <c>*address == expected</c>, for at most <paramref name="timeoutMilliseconds"/>. The kernel
    /// checks the value and queues the sleeper atomically, so a wake-up sent after the value changed is never lost.
    /// Returns at once if the value already differs; spurious returns are allowed (callers re-check).
    /// </summary>
    public static void FutexWait(int* address, int expected, int timeoutMilliseconds)
    {
        var timeout = new Timespec { Seconds = timeoutMilliseconds / 1000, Nanoseconds = timeoutMilliseconds % 1000 * 1_000_000 };
        Syscall(FutexSyscall, address, FutexWaitOp, expected, &timeout, 0, 0);
    }

    /// <summary>Wakes every process or thread sleeping in <see cref="FutexWait"/> on <paramref name="address"/>.</summary>
    public static void FutexWake(int* address) => Syscall(FutexSyscall, address, FutexWakeOp, int.MaxValue, null, 0, 0);

    public static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>Throws an <see cref="IOException"/> naming the failed call and errno.</summary>
    public static IOException Fail(string call) => new($"{call} failed: {Marshal.GetPInvokeErrorMessage(Errno)} (errno {Errno})");

    public static void SetNonBlocking(int fd)
    {
        int flags = Fcntl(fd, F_GETFL, 0);
        if (flags < 0 || Fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        {
            throw Fail("fcntl(O_NONBLOCK)");
        }
    }

    /// <summary>Lets <paramref name="fd"/> survive exec (or not): how a pipe end is handed to a child process.</summary>
    public static void SetInheritable(int fd, bool inheritable)
    {
        if (Fcntl(fd, F_SETFD, inheritable ? 0 : FD_CLOEXEC) < 0)
        {
            throw Fail("fcntl(F_SETFD)");
        }
    }

    /// <summary>The value of an <c>int</c>-returning ioctl such as FIONREAD or SIOCOUTQ.</summary>
    public static int IoctlInt(int fd, nuint request)
    {
        int value = 0;
        if (Ioctl(fd, request, &value) < 0)
        {
            throw Fail("ioctl");
        }

        return value;
    }

    /// <summary>
    /// Waits until <paramref name="fd"/> is ready for <paramref name="events"/>, in slices of 50 ms so that
    /// <paramref name="cancel"/> (peer gone, timeout) is noticed; readiness itself wakes us at once.
    /// </summary>
    public static void WaitReady(int fd, short events, CancellationToken cancel)
    {
        var pfd = new PollFd { Fd = fd, Events = events };
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            pfd.Revents = 0;
            int n = Poll(&pfd, 1, 50);
            if (n > 0)
            {
                // POLLHUP/POLLERR also end the wait: the next read or write reports what happened.
                return;
            }

            if (n < 0 && Errno != EINTR)
            {
                throw Fail("poll");
            }
        }
    }
}
